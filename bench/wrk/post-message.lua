-- bench/run.sh's load: the same POST of a documented `message` activity (bench/wrk/message.json: the OpenAPI
-- document's textMessage example without the client `id`, so that every request is stored as a new activity) to one
-- existing conversation.
-- Environment: CONV_ID, the conversation (as the contender's create returned it); BODY_FILE, the body template;
-- RESULT_FILE, where done() writes its one JSON line.
local conversation = os.getenv("CONV_ID") or "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77"
local template = assert(io.open(os.getenv("BODY_FILE") or "bench/wrk/message.json")):read("*a")

wrk.method = "POST"
wrk.path = "/api/v1.0/consumer/conversation/" .. conversation
wrk.headers["Content-Type"] = "application/json"
wrk.headers["channel-id"] = "c0ffee00-0000-4000-8000-000000000001"
wrk.headers["organization-id"] = "c0ffee00-0000-4000-8000-000000000002"
wrk.headers["Authorization"] = "Bearer emulator-dev-token"
wrk.body = (template:gsub("%s+$", ""):gsub("CONVERSATION_ID", conversation))

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local line = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"errors":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.status, e.timeout)
  local out = os.getenv("RESULT_FILE")
  if out then
    local f = assert(io.open(out, "w"))
    f:write(line, "\n")
    f:close()
  end
  io.write(line, "\n")
end
