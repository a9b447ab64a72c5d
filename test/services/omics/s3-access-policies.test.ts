import { DeleteS3AccessPolicyCommand, GetS3AccessPolicyCommand, PutS3AccessPolicyCommand, ResourceNotFoundException, ValidationException } from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { declareStore } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { ACCOUNT, omics } from "./helpers.js";

const policy = (principal: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: principal }, Action: ["s3:GetObject"], Resource: "*", Condition: { StringEquals: { "s3:ExistingObjectTag/omics.readSetStatus": "ACTIVE" } } }],
  });

describe("HealthOmics S3 access policies", () => {
  it("starts a declared store with the default policy, then puts, gets and deletes its policy", async () => {
    const store = declareStore({ storeType: "SEQUENCE_STORE", storeId: "1234567890" });
    expect(store.s3AccessPointArn).toBe(`arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/${ACCOUNT}-1234567890`);

    const initial = await omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn }));
    expect(initial).toMatchObject({ s3AccessPointArn: store.s3AccessPointArn, storeId: "1234567890", storeType: "SEQUENCE_STORE" });
    expect(JSON.parse(String(initial.s3AccessPolicy)).Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    expect(initial.updateTime).toBeInstanceOf(Date);

    const put = await omics.send(new PutS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn, s3AccessPolicy: policy("arn:aws:iam::210987654321:root") }));
    expect(put).toMatchObject({ s3AccessPointArn: store.s3AccessPointArn, storeId: "1234567890", storeType: "SEQUENCE_STORE" });
    const read = await omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn }));
    // The SDK hands JSON documents back as its LazyJsonString (a String object).
    expect(String(read.s3AccessPolicy)).toBe(policy("arn:aws:iam::210987654321:root"));

    const deleted = await omics.send(new DeleteS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const gone = await rejectionOf(omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toContain("has no S3 access policy");
    expect(await rejectionOf(omics.send(new DeleteS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("works for reference stores too", async () => {
    const store = declareStore({ storeType: "REFERENCE_STORE" });
    expect(store.storeId).toMatch(/^[0-9]{10}$/);
    const put = await omics.send(new PutS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn, s3AccessPolicy: policy("arn:aws:iam::210987654321:role/reader") }));
    expect(put.storeType).toBe("REFERENCE_STORE");
  });

  it("refuses unknown access points, malformed ARNs and policies HealthOmics does not accept", async () => {
    const unknown = await rejectionOf(omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/${ACCOUNT}-9999999999` })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown.$metadata.httpStatusCode).toBe(404);
    const malformed = await rejectionOf(omics.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: "arn:aws:s3:::my-bucket" })));
    expect(malformed).toBeInstanceOf(ValidationException);
    expect(malformed.message).toContain("at 's3AccessPointArn' failed to satisfy constraint");

    const store = declareStore();
    const put = (text: string) => omics.send(new PutS3AccessPolicyCommand({ s3AccessPointArn: store.s3AccessPointArn, s3AccessPolicy: text }));
    expect((await rejectionOf(put("{not json"))).message).toContain("s3AccessPolicy is not valid JSON");
    expect((await rejectionOf(put(JSON.stringify({ Statement: [], Extra: 1 })))).message).toContain("unsupported policy elements: Extra");
    expect((await rejectionOf(put(JSON.stringify({ Statement: [{ Effect: "Allow", NotPrincipal: "*" }] })))).message).toContain("unsupported elements: NotPrincipal");
    expect((await rejectionOf(put(JSON.stringify({ Statement: [{ Effect: "Maybe" }] })))).message).toContain("Effect of Allow or Deny");
    const empty = await rejectionOf(put(""));
    expect(empty).toBeInstanceOf(ValidationException);
    expect(empty.message).toContain("at 's3AccessPolicy' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });
});
