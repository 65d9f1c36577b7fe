#!/usr/bin/env python3
"""Where a signed-in request's CPU time goes: reads a dotnet-trace Speedscope profile (sampled stacks of
every thread) taken while wrk ran the signed-in mix and prints JSON: for each part of the request, its share
of the on-CPU samples taken inside requests. Inclusive: a part's share contains what it calls. Samples
where a thread waited (for a lock, for the garbage collector) are not CPU time and are left out; the
garbage collector's own cost is reported beside this from the runtime's counters."""
import json
import sys

# (part, substrings of frame names: a sample belongs to the part when any frame on its stack matches)
PARTS = [
    ("request, whole (Kestrel's request loop)", ["HttpProtocol+<ProcessRequests>"]),
    ("parse the request, write the response (Kestrel)", ["Http1Connection.TryParseRequest", "HttpProtocol.WritePipeAsync",
                                                         "HttpProtocol.FlushPipeAsync", "HttpProtocol.ProduceEnd"]),
    ("sign-in cookie: parse, remembered ticket, security stamp", ["AuthenticationService+<AuthenticateAsync>"]),
    ("page key: the access decision and prices (variant)", ["ViewerPages+<PageAsync>"]),
    ("template lookup", ["FusionCache.TryGetAsync"]),
    ("viewer slots: progress, form token, name", ["ViewerPages+<FillAsync>"]),
    ("write the filled page: gzip segments, CRC-32", ["GzipSegments.Write"]),
    ("render (template misses)", ["ViewerPageTemplating+<InvokeAsync>"]),
    ("everything else: guards, routing, metrics, headers", []),  # the request's samples in none of the parts above
    ("FusionCache, every call (counted in the parts above too)", ["FusionCache+<GetOrSetAsync>", "FusionCache+<TryGetAsync>"]),
    ("of which tag expiry checks", ["CheckEntrySecondaryExpirationAsync"]),
]


def main(path):
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    own = [frozenset(i for i, (_, needles) in enumerate(PARTS) if any(n in name for n in needles)) for name in frames]
    cpu = frames.index("CPU_TIME") if "CPU_TIME" in frames else -1
    totals = [0.0] * len(PARTS)
    for profile in data["profiles"]:
        stack = []  # (frame, parts of the stack up to and including it)
        last = None
        for event in profile["events"]:
            if last is not None and stack and stack[-1][0] == cpu:
                for i in stack[-1][1]:
                    totals[i] += event["at"] - last
            last = event["at"]
            if event["type"] == "O":
                frame = event["frame"]
                stack.append((frame, (stack[-1][1] if stack else frozenset()) | own[frame]))
            else:
                stack.pop()
    whole = totals[0] or 1
    rest = next(i for i, (_, needles) in enumerate(PARTS) if not needles)
    totals[rest] = max(0.0, whole - sum(totals[1:rest]))
    print(json.dumps([{"part": part, "percent": round(100.0 * totals[i] / whole, 1)} for i, (part, _) in enumerate(PARTS)]))


if __name__ == "__main__":
    main(sys.argv[1])
