// One ConverseStream call with the official AWS SDK for JavaScript (default client settings), consuming every event
// in-process; prints the milliseconds from sending the command to the last event, and the text deltas seen, for
// benchmarks/cli-vs-js.sh. Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
//
//   node cli-vs-js.mjs ENDPOINT REGION MODEL_ID
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";

const [endpoint, region, modelId] = process.argv.slice(2);
if (!endpoint || !region || !modelId) {
  process.stderr.write("usage: node cli-vs-js.mjs ENDPOINT REGION MODEL_ID\n");
  process.exit(2);
}

const client = new BedrockRuntimeClient({ endpoint, region });
const command = new ConverseStreamCommand({ modelId, messages: [{ role: "user", content: [{ text: "hi" }] }] });
const start = process.hrtime.bigint();
const response = await client.send(command);
let deltas = 0;
let chars = 0;
for await (const event of response.stream) {
  const text = event.contentBlockDelta?.delta?.text;
  if (text !== undefined) {
    deltas++;
    chars += text.length;
  }
}
const end = process.hrtime.bigint();
process.stdout.write(`${Number(end - start) / 1e6} ${deltas} ${chars}\n`);
