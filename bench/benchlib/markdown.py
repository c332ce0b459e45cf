"""A result file as the Markdown tables docs/benchmarks.md records."""
from .targets import judge


def render(result):
    machine = result["machine"]
    lines = [f"Run {result['date']} ({result['mode']} mode, commit {result['git_commit']}"
             f"{' + local changes' if result.get('git_dirty') else ''}), `{result['command']}`, "
             f"{result.get('seconds')} s; load average {result.get('load_average_at_start')} at start, "
             f"{result.get('load_average_at_end')} at end.",
             f"Machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory_gib']} GiB, "
             f"{machine['jdk']}, Spark {machine['spark']}, Python {machine['python']}, {machine['wrk']}.", ""]
    start = result.get("start")
    if start:
        lines += [f"**Session start** (`POST /sessions` to `idle`; floor: spawning spark-submit until the program "
                  f"says that its SparkSession is ready), median of {start['runs']}:", "",
                  "| what | median | runs (s) | ratio |", "|---|---|---|---|"]
        for floor, figures in start["floor"].items():
            lines.append(f"| floor, {floor} | {figures['median_s']:.2f} s | "
                         f"{', '.join(f'{value:.2f}' for value in figures['samples_s'])} | 1 |")
        for kind, figures in start["kinds"].items():
            lines.append(f"| `{kind}` session | {figures['median_s']:.2f} s | "
                         f"{', '.join(f'{value:.2f}' for value in figures['samples_s'])} | "
                         f"{figures['ratio_to_floor']:.2f}x the {figures['floor']} floor"
                         + (f" ({figures['ratio_to_jvm_floor']:.2f}x the jvm one)" if figures["floor"] != "jvm" else "")
                         + " |")
        lines.append("")
    statements = result.get("statements")
    if statements:
        first = next(iter(statements.values()))
        pause = first.get("poll_pause_ms", 0)
        polling = f"with a {pause} ms pause between GETs" if pause else "without pause"
        lines += [f"**Statement round trip** (POST, then GET {polling} until `available`; "
                  f"{first.get('warm_up_statements', 5)} statements unrecorded before), ms:", "",
                  "| session | code | n | p50 | p90 | p99 | cold (first) | p50 in the driver |",
                  "|---|---|---|---|---|---|---|---|"]
        for kind, figures in statements.items():
            lines.append(f"| `{kind}` | `{figures['code']}` | {figures['n']} | {figures['p50_ms']} | "
                         f"{figures['p90_ms']} | {figures['p99_ms']} | {figures['cold_ms']} | "
                         f"{figures.get('in_driver_p50_ms')} |")
        lines.append("")
    big = result.get("big")
    if big:
        lines += [f"**Big results** (`pyspark`; POST, then GET without pause until `available`, the last GET "
                  f"returning the output), ms:", "",
                  "| output | n | p50 | max | p50 in the driver |", "|---|---|---|---|---|",
                  f"| `print('x' * {big['text_bytes']})` | {big['text']['n']} | {big['text']['p50_ms']} | "
                  f"{big['text']['max_ms']} | {big['text']['in_driver_p50_ms']} |",
                  f"| `%table` of {big['table_rows']} rows of three columns | {big['table']['n']} | "
                  f"{big['table']['p50_ms']} | {big['table']['max_ms']} | {big['table']['in_driver_p50_ms']} |", ""]
    reads = result.get("reads")
    if reads:
        lines += [f"**Reads** ({reads['generator']}, {reads['threads']} threads, {reads['connections']} "
                  f"connections, {reads['seconds']} s per path, on the same 2 cores as the server):", "",
                  "| GET | req/s | p50 ms | p90 ms | p99 ms |", "|---|---|---|---|---|"]
        for name in ("statement", "sessions"):
            figures = reads[name]
            lines.append(f"| `{figures['path']}` | {figures['requests_per_s']:.0f} | {figures['p50_ms']} | "
                         f"{figures['p90_ms']} | {figures['p99_ms']} |")
        lines += ["", f"Server RSS: {reads['rss_before_mib']} MiB before the load, "
                      f"{reads['rss_peak_during_load_mib']} MiB peak during it, {reads['rss_after_load_mib']} MiB "
                      f"after it.", ""]
    memory = result.get("memory")
    if memory:
        lines += [f"**Memory** (a fresh server; `pyspark` sessions with `driverMemory` {memory['driver_memory']}): "
                  f"server RSS {memory['server_rss_idle_mib']} MiB idle just after start, "
                  f"{memory['server_rss_idle_warm_mib']} MiB idle after {result['counts']['warm_up_requests']} "
                  f"requests, {memory['server_rss_with_sessions_mib']} MiB with {memory['sessions']} idle sessions "
                  f"({memory['server_rss_per_session_mib']} MiB per session over the warm figure), "
                  f"{memory.get('server_rss_with_twice_the_sessions_mib')} MiB with twice as many "
                  f"({memory.get('server_rss_per_further_session_mib')} MiB per further session; threads "
                  f"{memory['server_threads_idle']} then {memory['server_threads_with_sessions']}); a driver's "
                  f"process tree (JVM + Python) {memory['driver_rss_median_mib']} MiB RSS median, "
                  f"{memory['driver_rss_max_mib']} MiB max, {memory.get('driver_pss_median_mib')} MiB PSS median "
                  f"(shared pages split between the drivers).", ""]
    capacity = result.get("capacity")
    if capacity:
        lines += [f"**Capacity**: {capacity['sessions_idle_at_once']} of {capacity['sessions_requested']} `pyspark` "
                  f"sessions ({capacity['driver_memory']} drivers), created at once, idle at the same time after "
                  f"{capacity['seconds_until_all_settled']} s (first {capacity['first_idle_s']} s, median "
                  f"{capacity['median_idle_s']} s); {capacity['sessions_answering_1_plus_1']} answered `1 + 1`. "
                  f"Their drivers held {capacity['driver_rss_total_mib']:.0f} MiB RSS, "
                  f"{capacity.get('driver_pss_total_mib', 0):.0f} MiB PSS; memory available fell from "
                  f"{capacity['mem_available_before_mib']:.0f} to {capacity['mem_available_after_mib']:.0f} MiB, "
                  f"so memory would allow about {capacity['memory_ceiling_sessions']} such sessions. The server's "
                  f"RSS went from {capacity.get('server_rss_before_mib')} to "
                  f"{capacity.get('server_rss_with_sessions_mib')} MiB "
                  f"({capacity.get('server_rss_per_session_mib')} MiB per session)."]
        lines += [f"Session {session_id} failed: `{reason}`." for session_id, reason in capacity["failures"].items()]
        lines.append("")
    lines += ["**Targets**:", "", "| target | measured | limit | |", "|---|---|---|---|"]
    for verdict in judge(result):
        lines.append(f"| {verdict['target']} | {verdict['value']} | {verdict['limit']} | "
                     f"{'met' if verdict['met'] else '**not met**'} |")
    return "\n".join(lines)
