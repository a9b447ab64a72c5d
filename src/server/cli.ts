#!/usr/bin/env node
/**
 * `npx aws-doubles serve [--port N] [--host H]`: the HTTP front door as a process of its own,
 * for code in other processes and languages. Loopback only unless --host says otherwise.
 */
import { DEFAULT_CLI_PORT } from "./options.js";
import { startServer, type ServerOptions } from "./index.js";

const USAGE = `Usage: aws-doubles serve [options]

Serves the aws-doubles fakes of Glue, Image Builder, HealthOmics and Proton over HTTP.

Options:
  --port N               TCP port (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host H               address to listen on (default 127.0.0.1, loopback only)
  --account-id ID        default account (12 digits; credentials from the control API pick others)
  --region R             default region for helpers (requests carry their own)
  --transitions MODE     poll (default) or manual
  --max-body-bytes N     largest request body (default 10 MiB)
  --max-recorded-calls N recorded calls kept (default 10000)
  -h, --help             this text

Point clients at the printed URL (AWS_ENDPOINT_URL). Omics clients need host prefixes off:
JavaScript v3 { disableHostPrefix: true }, boto3 Config(inject_host_prefix=False).
The dashboard and the control API live under /_aws-doubles/.`;

function fail(message: string): never {
  process.stderr.write(`aws-doubles: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse(args: string[]): ServerOptions {
  const options: ServerOptions = { port: DEFAULT_CLI_PORT };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || value.trim() === "" || !Number.isInteger(n)) fail(`${flag} needs a whole number`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case "--port":
        options.port = number(flag, value());
        break;
      case "--host":
        options.host = value() ?? fail("--host needs an address");
        break;
      case "--account-id":
        options.accountId = value() ?? fail("--account-id needs 12 digits");
        break;
      case "--region":
        options.region = value() ?? fail("--region needs a region");
        break;
      case "--transitions":
        options.transitions = (value() ?? fail("--transitions needs poll or manual")) as ServerOptions["transitions"];
        break;
      case "--max-body-bytes":
        options.maxBodyBytes = number(flag, value());
        break;
      case "--max-recorded-calls":
        options.maxRecordedCalls = number(flag, value());
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  return options;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help" || rest.includes("-h") || rest.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== "serve") fail(command ? `unknown command ${command}` : "give a command");
  let server;
  try {
    server = await startServer(parse(rest));
  } catch (error) {
    fail((error as Error).message);
  }
  process.stdout.write(`aws-doubles server listening on ${server.url}\n  dashboard: ${server.dashboardUrl}\n  AWS_ENDPOINT_URL=${server.url}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`aws-doubles server: ${signal}, shutting down\n`);
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main(process.argv.slice(2));
