// Drives one call against LocalBedrock (or any Bedrock endpoint) with the official AWS SDK for JavaScript, default
// client settings, and prints what the SDK made of the reply as JSON lines on stdout, for JavaScriptSdkInteropTests.
//
//   node interop.mjs OPERATION --endpoint URL --region REGION [--model ID] [--text TEXT] [--by-provider NAME] [--page-size N]
//
// OPERATION: converse-stream | converse | list-foundation-models | list-inference-profiles
// Credentials come from the environment, as the SDK's default chain reads them: AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) for SigV4, or AWS_BEARER_TOKEN_BEDROCK for a Bedrock API key.
//
// Lines printed (one JSON object each, "kind" first):
//   {"kind":"metadata","httpStatusCode":200,"requestId":"...","attempts":1}   the response's $metadata
//   {"kind":"event","event":"contentBlockDelta","data":{...}}                 one per converse-stream event
//   {"kind":"end"}                                                            the event stream ended cleanly
//   {"kind":"response","body":{...}}                                          converse / list-foundation-models
//   {"kind":"page","body":{...}}                                              one per list-inference-profiles page
//   {"kind":"error","name":"ThrottlingException","httpStatusCode":429,"requestId":"...","fault":"client",
//    "message":"...","attempts":3}                                           what the SDK threw (exit code 0)
// A usage error exits with 2, anything unexpected in this script with 1.
import { parseArgs } from "node:util";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles } from "@aws-sdk/client-bedrock";

const operations = ["converse-stream", "converse", "list-foundation-models", "list-inference-profiles"];

function usage(message) {
  process.stderr.write(`interop.mjs: ${message}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      endpoint: { type: "string" },
      region: { type: "string" },
      model: { type: "string" },
      text: { type: "string", default: "Hello from JavaScript" },
      "by-provider": { type: "string" },
      "page-size": { type: "string" },
    },
  });
} catch (error) {
  usage(error.message);
}

const { values: options, positionals } = parsed;
const operation = positionals[0];
if (positionals.length !== 1 || !operations.includes(operation)) {
  usage(`expected one operation of ${operations.join(", ")}, got ${JSON.stringify(positionals)}`);
}
if (!options.endpoint || !options.region) {
  usage("--endpoint and --region are required");
}
if ((operation === "converse-stream" || operation === "converse") && !options.model) {
  usage(`${operation} needs --model`);
}

// Blobs (Uint8Array, e.g. redacted reasoning) are printed as base64 strings, and timestamps the SDK parsed into
// Date objects as {"$date":"<ISO 8601>"}, so a timestamp left as a string is told apart from a parsed one.
function print(line) {
  process.stdout.write(
    JSON.stringify(line, function (key, value) {
      const raw = this[key];
      if (raw instanceof Date) {
        return { $date: Number.isNaN(raw.getTime()) ? "Invalid Date" : raw.toISOString() };
      }
      return value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value;
    }) + "\n",
  );
}

function printMetadata(metadata) {
  print({
    kind: "metadata",
    httpStatusCode: metadata?.httpStatusCode ?? null,
    requestId: metadata?.requestId ?? null,
    attempts: metadata?.attempts ?? null,
  });
}

function withoutMetadata(output) {
  const { $metadata, ...body } = output;
  return body;
}

function printError(error) {
  print({
    kind: "error",
    name: error?.name ?? null,
    httpStatusCode: error?.$metadata?.httpStatusCode ?? null,
    requestId: error?.$metadata?.requestId ?? null,
    fault: error?.$fault ?? null,
    message: error?.message ?? String(error),
    attempts: error?.$metadata?.attempts ?? null,
  });
}

const clientConfig = { endpoint: options.endpoint, region: options.region };
const messages = [{ role: "user", content: [{ text: options.text }] }];

async function run() {
  switch (operation) {
    case "converse-stream": {
      const client = new BedrockRuntimeClient(clientConfig);
      try {
        const response = await client.send(new ConverseStreamCommand({ modelId: options.model, messages }));
        printMetadata(response.$metadata);
        for await (const event of response.stream) {
          for (const [name, data] of Object.entries(event)) {
            if (name !== "$unknown") {
              print({ kind: "event", event: name, data });
            } else {
              print({ kind: "event", event: "$unknown", data: { name: data?.[0] ?? null } });
            }
          }
        }
        print({ kind: "end" });
      } finally {
        client.destroy();
      }
      break;
    }
    case "converse": {
      const client = new BedrockRuntimeClient(clientConfig);
      try {
        const response = await client.send(new ConverseCommand({ modelId: options.model, messages }));
        printMetadata(response.$metadata);
        print({ kind: "response", body: withoutMetadata(response) });
      } finally {
        client.destroy();
      }
      break;
    }
    case "list-foundation-models": {
      const client = new BedrockClient(clientConfig);
      try {
        const input = options["by-provider"] ? { byProvider: options["by-provider"] } : {};
        const response = await client.send(new ListFoundationModelsCommand(input));
        printMetadata(response.$metadata);
        print({ kind: "response", body: withoutMetadata(response) });
      } finally {
        client.destroy();
      }
      break;
    }
    case "list-inference-profiles": {
      const client = new BedrockClient(clientConfig);
      try {
        const pageSize = options["page-size"] ? Number.parseInt(options["page-size"], 10) : undefined;
        for await (const page of paginateListInferenceProfiles({ client, pageSize }, {})) {
          printMetadata(page.$metadata);
          print({ kind: "page", body: withoutMetadata(page) });
        }
      } finally {
        client.destroy();
      }
      break;
    }
  }
}

try {
  await run();
} catch (error) {
  printError(error);
}
