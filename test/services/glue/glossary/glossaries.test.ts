import {
  AlreadyExistsException,
  ConflictException,
  CreateGlossaryCommand,
  CreateGlossaryTermCommand,
  DeleteGlossaryCommand,
  DeleteGlossaryTermCommand,
  EntityNotFoundException,
  GetGlossaryCommand,
  GetGlossaryTermCommand,
  IdempotentParameterMismatchException,
  InvalidInputException,
  ListGlossariesCommand,
  paginateListGlossaries,
  paginateListGlossaryTerms,
  UpdateGlossaryCommand,
  UpdateGlossaryTermCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";

describe("Glue business glossaries", () => {
  it("creates, reads, renames and deletes a glossary", async () => {
    const created = await glue.send(new CreateGlossaryCommand({ Name: "Finance", Description: "money words" }));
    expect(created).toMatchObject({ Name: "Finance", Description: "money words" });
    expect(created.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await glue.send(new GetGlossaryCommand({ Identifier: created.Id }))).toMatchObject({ Id: created.Id, Name: "Finance" });
    expect(await glue.send(new UpdateGlossaryCommand({ Identifier: created.Id, Name: "Finance terms" }))).toMatchObject({ Name: "Finance terms", Description: "money words" });
    await glue.send(new DeleteGlossaryCommand({ Identifier: created.Id }));
    expect(await rejectionOf(glue.send(new GetGlossaryCommand({ Identifier: created.Id })))).toBeInstanceOf(EntityNotFoundException);
    // DeleteGlossary lists no EntityNotFoundException: a second delete succeeds.
    await glue.send(new DeleteGlossaryCommand({ Identifier: created.Id }));
  });

  it("keeps names unique, and replays or refuses a reused client token", async () => {
    const first = await glue.send(new CreateGlossaryCommand({ Name: "Sales", ClientToken: "token-1" }));
    const replay = await glue.send(new CreateGlossaryCommand({ Name: "Sales", ClientToken: "token-1" }));
    expect(replay.Id).toBe(first.Id);
    expect(await rejectionOf(glue.send(new CreateGlossaryCommand({ Name: "Sales" })))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(glue.send(new CreateGlossaryCommand({ Name: "Other", ClientToken: "token-1" })))).toBeInstanceOf(IdempotentParameterMismatchException);
    const other = await glue.send(new CreateGlossaryCommand({ Name: "Other" }));
    expect(await rejectionOf(glue.send(new UpdateGlossaryCommand({ Identifier: other.Id, Name: "Sales" })))).toBeInstanceOf(AlreadyExistsException);
    const long = await rejectionOf(glue.send(new CreateGlossaryCommand({ Name: "x".repeat(257) })));
    expect(long).toBeInstanceOf(InvalidInputException);
    expect(long.message).toContain("'name'");
  });

  it("manages terms, refuses to delete a glossary that has some, and pages both lists", async () => {
    const { Id: glossaryId } = await glue.send(new CreateGlossaryCommand({ Name: "Finance" }));
    const terms: string[] = [];
    for (const name of ["Revenue", "Margin", "Churn"]) {
      const term = await glue.send(new CreateGlossaryTermCommand({ GlossaryIdentifier: glossaryId, Name: name, ShortDescription: `${name} short`, LongDescription: `${name} long` }));
      expect(term).toMatchObject({ GlossaryId: glossaryId, Name: name });
      terms.push(term.Id!);
    }
    expect(await rejectionOf(glue.send(new CreateGlossaryTermCommand({ GlossaryIdentifier: glossaryId, Name: "Margin" })))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(glue.send(new CreateGlossaryTermCommand({ GlossaryIdentifier: "missing", Name: "X" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await glue.send(new GetGlossaryTermCommand({ Identifier: terms[0] }))).toMatchObject({ Name: "Revenue", LongDescription: "Revenue long" });
    expect(await glue.send(new UpdateGlossaryTermCommand({ Identifier: terms[0], ShortDescription: "money in" }))).toMatchObject({ Name: "Revenue", ShortDescription: "money in" });

    const names: string[] = [];
    for await (const page of paginateListGlossaryTerms({ client: glue, pageSize: 2 }, { GlossaryIdentifier: glossaryId })) names.push(...page.Items!.map((t) => t.Name!));
    expect(names).toEqual(["Churn", "Margin", "Revenue"]);

    const conflict = await rejectionOf(glue.send(new DeleteGlossaryCommand({ Identifier: glossaryId })));
    expect(conflict).toBeInstanceOf(ConflictException);
    for (const id of terms) await glue.send(new DeleteGlossaryTermCommand({ Identifier: id }));
    await glue.send(new DeleteGlossaryTermCommand({ Identifier: terms[0] }));
    expect(await rejectionOf(glue.send(new GetGlossaryTermCommand({ Identifier: terms[0] })))).toBeInstanceOf(EntityNotFoundException);
    await glue.send(new DeleteGlossaryCommand({ Identifier: glossaryId }));
  });

  it("lists glossaries in name order with the paginator", async () => {
    for (const name of ["C", "A", "B"]) await glue.send(new CreateGlossaryCommand({ Name: name }));
    const names: string[] = [];
    for await (const page of paginateListGlossaries({ client: glue, pageSize: 2 }, {})) names.push(...page.Items!.map((g) => g.Name!));
    expect(names).toEqual(["A", "B", "C"]);
    expect(await rejectionOf(glue.send(new ListGlossariesCommand({ MaxResults: 0 })))).toBeInstanceOf(InvalidInputException);
  });
});
