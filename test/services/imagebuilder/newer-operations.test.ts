import { DistributeImageCommand, InvalidRequestException, RetryImageCommand } from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { NEWER_THAN_MODEL } from "../../support/newer-operations.js";
import { arn, ib } from "./fixtures.js";

/**
 * RetryImage and DistributeImage are newer than the shared Smithy model. The conformance oracle
 * checks their errors against test/support/newer-operations.ts; this file holds the rest of its
 * checks, from the current API reference: each required member left out is the operation's
 * validation error (InvalidRequestException) naming the member. Neither input has an enum.
 */
const distribute = {
  sourceImage: arn("image/web/1.0.0/1"),
  distributionConfigurationArn: arn("distribution-configuration/dist"),
  executionRole: "ImageBuilderRole",
};

describe("Image Builder operations newer than the shared Smithy model", () => {
  it("lists exactly RetryImage and DistributeImage as newer", () => {
    expect(Object.keys(NEWER_THAN_MODEL.imagebuilder!).sort()).toEqual(["DistributeImage", "RetryImage"]);
  });

  it("RetryImage: leaving out imageBuildVersionArn is an InvalidRequestException naming it", async () => {
    // The SDK fills clientToken itself; the label-less body member is the only required one.
    const error = await rejectionOf(ib.send(new RetryImageCommand({} as never)));
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect(error.message).toContain("'imageBuildVersionArn'");
  });

  for (const member of Object.keys(distribute) as Array<keyof typeof distribute>) {
    it(`DistributeImage: leaving out ${member} is an InvalidRequestException naming it`, async () => {
      const input: Partial<typeof distribute> = { ...distribute };
      delete input[member];
      const error = await rejectionOf(ib.send(new DistributeImageCommand(input as typeof distribute)));
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect(error.message).toContain(`'${member}'`);
    });
  }
});
