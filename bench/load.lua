-- load.lua -- wrk's script for bench/load.sh:
--   wrk ... -s bench/load.lua URL -- LIMIT PATH...
-- Each connection sends GETs for the PATHs in turn, so a route is measured
-- over several queries, not one answer the store's cache keeps warm. Each
-- of wrk's threads stops after LIMIT responses, so a run is bounded in
-- count as well as by wrk's --duration. done() prints one line that
-- load.sh reads: responses, the seconds from the first response to the
-- last and their rate, the latency percentiles in ms and the errors
-- (socket errors, timeouts, and answers with a status of 400 or more).
-- The rate is not wrk's requests / duration: a thread stopped by LIMIT
-- leaves wrk waiting out --duration, which would count as idle time.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clock, load_timespec *ts);
]]
local ts = ffi.new("load_timespec")

local function now()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

-- setup() and done() run apart from the threads; the threads' own counts
-- and times are read back through these handles
local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
end

local reqs, limit, next_req = {}, 0, 1
seen, first, last = 0, 0, 0

function init(args)
    limit = tonumber(args[1]) or 0
    for i = 2, #args do
        reqs[#reqs + 1] = wrk.format("GET", args[i])
    end
    if #reqs == 0 then
        reqs[1] = wrk.format("GET", wrk.path)
    end
end

function request()
    local r = reqs[next_req]
    next_req = next_req % #reqs + 1
    return r
end

function response(status, headers, body)
    last = now()
    if seen == 0 then first = last end
    seen = seen + 1
    if limit > 0 and seen >= limit then
        wrk.thread:stop()
    end
end

function done(summary, latency, requests)
    local n, t0, t1 = 0, math.huge, 0
    for _, t in ipairs(threads) do
        local s = t:get("seen")
        if s > 0 then
            n = n + s
            t0 = math.min(t0, t:get("first"))
            t1 = math.max(t1, t:get("last"))
        end
    end
    local secs = n > 1 and t1 - t0 or 0
    local e = summary.errors
    io.write(string.format(
        "requests %d seconds %.3f rps %.1f p50_ms %.2f p99_ms %.2f max_ms %.2f" ..
        " socket_errors %d timeouts %d status_errors %d\n",
        n, secs, secs > 0 and (n - 1) / secs or 0,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        e.connect + e.read + e.write, e.timeout, e.status))
end
