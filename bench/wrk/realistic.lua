-- bench/run.sh's realistic load: customers of many conversations at once. Each request picks a conversation at random
-- from CONVERSATIONS_FILE (one id per line, created beforehand) and is, at random,
--   SEND_PCT % (80)  a send: POST of bench/wrk/message.json (the OpenAPI document's textMessage example without the
--                    client `id`, so every one is stored) to that conversation;
--   READ_PCT % (15)  a read: GET of that conversation's messages (the first page, 50 by default);
--   the rest (5)     a create: POST conversation/create of bench/wrk/create.json (the document's `documented` example)
--                    for a new customer, with a request id of its own, so every create starts a conversation.
-- Environment: CONVERSATIONS_FILE, BODY_FILE, CREATE_FILE, SEND_PCT, READ_PCT, RESULT_FILE (where done() writes its
-- one JSON line, as post-message.lua does). Each wrk thread draws its own random sequence.
local API = "/api/v1.0/consumer/conversation/"
local send_pct = tonumber(os.getenv("SEND_PCT") or "80")
local read_pct = tonumber(os.getenv("READ_PCT") or "15")

local function read_all(path)
  local f = assert(io.open(path))
  local text = f:read("*a")
  f:close()
  return (text:gsub("%s+$", ""))
end

local ids = {}
for line in io.lines(os.getenv("CONVERSATIONS_FILE") or "conversations.txt") do
  if #line > 0 then ids[#ids + 1] = line end
end
assert(#ids > 0, "CONVERSATIONS_FILE names no conversation")

-- the templates split around their placeholders, so a request is a few concatenations
local body = read_all(os.getenv("BODY_FILE") or "bench/wrk/message.json")
local body_head, body_tail = body:match("^(.-)CONVERSATION_ID(.*)$")
local create = read_all(os.getenv("CREATE_FILE") or "bench/wrk/create.json")
local create_a, create_b, create_c = create:match("^(.-)CUSTOMER_ID(.-)REQUEST_ID(.*)$")
assert(body_head and create_a, "a template lacks its placeholder")

wrk.headers["Content-Type"] = "application/json"
wrk.headers["channel-id"] = "c0ffee00-0000-4000-8000-000000000001"
wrk.headers["organization-id"] = "c0ffee00-0000-4000-8000-000000000002"
wrk.headers["Authorization"] = "Bearer emulator-dev-token"

local counter = 0
local prefix = ""

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  local n = thread_number or 0
  math.randomseed(os.time() * 1000 + n * 7919 + math.floor(os.clock() * 1e6))
  prefix = string.format("%x-%d-%x", os.time(), n, math.random(0, 0x7fffffff))
end

function request()
  local r = math.random() * 100
  local id = ids[math.random(#ids)]
  if r < send_pct then
    return wrk.format("POST", API .. id, nil, body_head .. id .. body_tail)
  elseif r < send_pct + read_pct then
    return wrk.format("GET", API .. id .. "/messages", nil, nil)
  end
  counter = counter + 1
  local customer = prefix .. "-" .. counter
  return wrk.format("POST", API .. "create", nil, create_a .. customer .. create_b .. customer .. create_c)
end

-- done(): the JSON result line, shared by every script of this folder
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result-line.lua")
