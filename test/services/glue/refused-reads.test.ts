import { ListCrawlsCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { expect, it } from "vitest";
import { firstDifference, storedState } from "../../support/engine-state.js";
import { coreWorld } from "./bad-input-requests.js";
import { glue } from "./helpers.js";

// Found by the property suites (seed 123456): a read that observes the workflow runs waiting on
// a crawler let go of the ended ones before its NextToken was checked, so a refused read had
// changed the stored state.
it("a ListCrawls refused for its NextToken changes nothing, even with an ended workflow run waiting to be let go", async () => {
  await coreWorld();
  aws.configure({ transitions: "poll" });
  await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
  aws.settle();
  const before = storedState();
  const error = await glue.send(new ListCrawlsCommand({ CrawlerName: "c", NextToken: "%00" })).catch((e: Error) => e);
  expect((error as Error).name).toBe("InvalidInputException");
  expect(firstDifference(before, storedState())).toBe("no difference");
});
