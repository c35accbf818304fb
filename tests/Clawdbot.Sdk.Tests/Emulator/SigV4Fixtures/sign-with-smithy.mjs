// Writes requests signed by the AWS SDK for JavaScript's SigV4 signer (@smithy/signature-v4, the signer of every
// AWS SDK v3 client), as raw HTTP, for SigV4InteropTests. Run from this folder:
//   npm install --no-save @smithy/signature-v4@5.7.5 @smithy/protocol-http@5.6.2 @smithy/querystring-builder@4.5.2 @aws-crypto/sha256-js@5.2.0
//   node sign-with-smithy.mjs
// The signing time is fixed, so the output only changes with the signer.
import { writeFileSync } from "node:fs";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { buildQueryString } from "@smithy/querystring-builder";
import { Sha256 } from "@aws-crypto/sha256-js";

const signingDate = new Date("2025-11-01T12:00:00Z");
const host = "127.0.0.1:8080";
const longTerm = { accessKeyId: "AKIDLOCALBEDROCKTEST", secretAccessKey: "local-bedrock-test-secret-not-a-real-key" };
const session = { ...longTerm, sessionToken: "local-bedrock-js-session-token" };

// Label encoding of the SDK's REST-JSON serializers (extendedEncodeURIComponent).
const label = (value) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "Hello from JS" }] }] });
const sdkHeaders = { "amz-sdk-invocation-id": "5e4b7a0c-1d2e-4f30-8a9b-0c1d2e3f4a5b", "amz-sdk-request": "attempt=1; max=3" };

const cases = [
  { name: "converse-colon-model-id", credentials: longTerm, request: { method: "POST", path: `/model/${label("anthropic.claude-3-haiku-20240307-v1:0")}/converse`,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...sdkHeaders }, body } },
  { name: "converse-without-content-sha256", credentials: longTerm, applyChecksum: false, request: { method: "POST",
      path: `/model/${label("us.anthropic.claude-opus-4-5-20251101-v1:0")}/converse-stream`,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...sdkHeaders }, body } },
  { name: "converse-arn-model-id", credentials: longTerm, request: { method: "POST",
      path: `/model/${label("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-5-20251101-v1:0")}/converse`,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }, body } },
  { name: "list-foundation-models-by-provider", credentials: longTerm, request: { method: "GET", path: "/foundation-models",
      query: { byProvider: "anthropic" }, headers: { ...sdkHeaders } } },
  { name: "list-inference-profiles-next-token", credentials: longTerm, request: { method: "GET", path: "/inference-profiles",
      query: { maxResults: "1000", typeEquals: "SYSTEM_DEFINED", nextToken: "eyJwYWdlIjoyfQ==/+ x" }, headers: {} } },
  { name: "converse-session-token", credentials: session, request: { method: "POST", path: `/model/${label("anthropic.claude-3-haiku-20240307-v1:0")}/converse`,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }, body } },
  { name: "duplicate-slashes-in-path", credentials: longTerm, request: { method: "GET", path: "//foundation-models//", headers: {} } },
];

for (const c of cases) {
  const signer = new SignatureV4({ credentials: c.credentials, region: "us-east-1", service: "bedrock", sha256: Sha256,
    ...(c.applyChecksum === undefined ? {} : { applyChecksum: c.applyChecksum }) });
  const request = new HttpRequest({ protocol: "http:", hostname: "127.0.0.1", port: 8080, ...c.request,
    headers: { host, ...c.request.headers } });
  const signed = await signer.sign(request, { signingDate });
  const query = signed.query && Object.keys(signed.query).length > 0 ? "?" + buildQueryString(signed.query) : "";
  const lines = [`${signed.method} ${signed.path}${query} HTTP/1.1`, ...Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`)];
  writeFileSync(`smithy-js/${c.name}.http`, lines.join("\r\n") + "\r\n\r\n" + (signed.body ?? ""));
}
