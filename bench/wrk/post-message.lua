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

-- done(): the JSON result line, shared by every script of this folder
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result-line.lua")
