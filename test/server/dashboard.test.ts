import { CreateJobCommand, CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowCommand, GlueClient, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { CreateRunGroupCommand, OmicsClient } from "@aws-sdk/client-omics";
import { startServer, type AwsDoublesServer } from "aws-doubles/server";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// These run in the page, not in node: the test's tsconfig has no DOM library.
declare const document: { querySelector(selector: string): unknown };
declare function getComputedStyle(element: unknown): { fill: string };
import { clientConfig } from "./helpers.js";

/** Debian's chromium package (CI installs it: .ci/run). */
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const available = existsSync(CHROMIUM);
if (!available) console.warn(`[dashboard.test] SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const ROLE = "arn:aws:iam::123456789012:role/GlueETL";

describe.skipIf(!available)("the dashboard, in headless Chromium", () => {
  let server: AwsDoublesServer;
  let browser: Browser;
  let page: Page;
  let glue: GlueClient;

  beforeAll(async () => {
    server = await startServer();
    glue = new GlueClient(clientConfig(server.url, { maxAttempts: 1 }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    page = await browser.newPage();

    // A scenario: a two-job workflow whose second job fails, a call that errs, and a Glue
    // job run held RUNNING in another account and Region.
    for (const name of ["extract", "load"]) {
      await glue.send(new CreateJobCommand({ Name: name, Role: ROLE, Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${name}.py` } }));
    }
    await glue.send(new CreateWorkflowCommand({ Name: "nightly" }));
    await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: "nightly", Type: "ON_DEMAND", Actions: [{ JobName: "extract" }] }));
    await glue.send(
      new CreateTriggerCommand({
        Name: "after-extract",
        WorkflowName: "nightly",
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: "extract", State: "SUCCEEDED" }] },
        Actions: [{ JobName: "load" }],
      }),
    );
    server.aws.lifecycle("Glue.JobRun", { JobName: "load" }).endsIn("FAILED", { message: "disk full" });
    await glue.send(new StartWorkflowRunCommand({ Name: "nightly" }));
    server.aws.settle();
    await glue.send(new GetWorkflowCommand({ Name: "absent" })).catch(() => undefined);

    const other = new GlueClient(clientConfig(server.url, { region: "eu-west-1", credentials: server.aws.credentialsFor("210987654321") }));
    await other.send(new CreateJobCommand({ Name: "slow", Role: ROLE, Command: { Name: "glueetl", ScriptLocation: "s3://scripts/slow.py" } }));
    server.aws.lifecycle("Glue.JobRun", { JobName: "slow" }).staysIn("RUNNING");
    const { StartJobRunCommand } = await import("@aws-sdk/client-glue");
    await other.send(new StartJobRunCommand({ JobName: "slow" }));
    server.aws.step();
    server.aws.step();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows resources per service, account and region, and what is still running", async () => {
    await page.goto(server.dashboardUrl);
    const home = page.locator('section.scope[data-service="Glue"][data-account="123456789012"][data-region="us-east-1"]');
    await expect(home.locator("h3").textContent()).resolves.toContain("Glue · account 123456789012 · us-east-1");
    await expect(home.locator('.resource[data-table="jobs"] .count').textContent()).resolves.toBe("2");
    await expect(home.locator('.resource[data-table="workflows"] li.item').allTextContents()).resolves.toEqual(["nightly "]);

    const away = page.locator('section.scope[data-service="Glue"][data-account="210987654321"][data-region="eu-west-1"]');
    const running = away.locator("table.running tr.process");
    await expect(running.count()).resolves.toBe(1);
    const row = (await running.first().innerText()).replace(/\s+/g, " ");
    expect(row).toContain("Glue.JobRun RUNNING");
    expect(row).toContain("JobName=slow");
    await expect(home.locator("table.running").count()).resolves.toBe(0); // nothing running at home
  });

  it("draws the Glue workflow run's graph with each node's state", async () => {
    await page.goto(server.dashboardUrl);
    const run = page.locator('.glue-run[data-workflow="nightly"]');
    await expect(run.locator("h4 .state").textContent()).resolves.toBe("COMPLETED");
    const extract = run.locator('g.node[data-node="extract"]');
    const load = run.locator('g.node[data-node="load"]');
    await expect(extract.getAttribute("data-state")).resolves.toBe("SUCCEEDED");
    await expect(load.getAttribute("data-state")).resolves.toBe("FAILED");
    await expect(load.locator("text.node-state").textContent()).resolves.toBe("FAILED");
    await expect(run.locator('g.node[data-type="TRIGGER"]').count()).resolves.toBe(2);
    await expect(run.locator("line.edge").count()).resolves.toBeGreaterThanOrEqual(3);
    // What a person sees: the failed job is drawn in the failure colour, the succeeded one in green.
    const fill = (node: typeof extract) => node.locator("rect").evaluate((el) => getComputedStyle(el).fill);
    expect(await fill(load)).toBe("rgb(248, 215, 218)");
    expect(await fill(extract)).toBe("rgb(212, 237, 218)");
    // For a person to look at (not asserted on): the page as drawn.
    await page.screenshot({ path: join(tmpdir(), "aws-doubles-dashboard.png"), fullPage: true }).catch(() => undefined);
  });

  it("lists recent calls with their errors", async () => {
    await page.goto(server.dashboardUrl);
    const failed = page.locator('table.calls tr.call.error[data-operation="GetWorkflow"]');
    await expect(failed.count()).resolves.toBe(1);
    const text = await failed.innerText();
    expect(text).toContain("EntityNotFoundException");
    expect(text).toContain("absent");
    await expect(page.locator('table.calls tr.call[data-operation="StartWorkflowRun"]').innerText()).resolves.toContain("OK");
  });

  it("refreshes itself as calls arrive", async () => {
    await page.goto(server.dashboardUrl);
    await expect(page.locator('section.service[data-service="Omics"]').count()).resolves.toBe(0);
    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    await omics.send(new CreateRunGroupCommand({ name: "late-arrival" }));
    // No reload: the page fetches its content again on its own.
    await page.waitForSelector('section.service[data-service="Omics"] .resource[data-table="run groups"]', { timeout: 15_000 });
    await expect(page.locator('section.service[data-service="Omics"] .resource[data-table="run groups"] .count').textContent()).resolves.toBe("1");
  });

  it("settles from its own button, through the control API", async () => {
    await page.goto(server.dashboardUrl);
    await page.getByRole("button", { name: "Settle" }).click();
    await page.waitForFunction(() => !document.querySelector('section.scope[data-account="210987654321"] table.running'), undefined, { timeout: 15_000 });
    expect(server.aws.running()).toEqual([]);
  });
});
