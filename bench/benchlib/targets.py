"""The issue's performance targets, judged against one result file, and the table bench/run prints."""

# (name, section, path into the section's result, comparison, limit, unit)
TARGETS = (
    ("session start pyspark / floor", "start", ("kinds", "pyspark", "ratio_to_floor"), "<=", 1.5, "x"),
    ("session start spark / floor", "start", ("kinds", "spark", "ratio_to_floor"), "<=", 1.5, "x"),
    ("session start sql / floor", "start", ("kinds", "sql", "ratio_to_floor"), "<=", 1.5, "x"),
    ("pyspark 1 + 1 p50", "statements", ("pyspark", "p50_ms"), "<=", 20, "ms"),
    ("pyspark 1 + 1 p99", "statements", ("pyspark", "p99_ms"), "<=", 100, "ms"),
    ("scala 1 + 1 p50", "statements", ("spark", "p50_ms"), "<=", 120, "ms"),
    ("sql SELECT 1 p50", "statements", ("sql", "p50_ms"), "<=", 50, "ms"),
    ("GET statement req/s", "reads", ("statement", "requests_per_s"), ">=", 20000, "req/s"),
    ("GET /sessions req/s", "reads", ("sessions", "requests_per_s"), ">=", 20000, "req/s"),
    ("server RSS idle", "memory", ("server_rss_idle_mib",), "<=", 200, "MiB"),
    ("server RSS per idle session", "memory", ("server_rss_per_session_mib",), "<=", 1, "MiB"),
    ("server RSS per idle session, at capacity", "capacity", ("server_rss_per_session_mib",), "<=", 0.5, "MiB"),
    # A couple of MiB of noise is not growth (a page or two of metadata, a thread stack touched).
    ("server RSS growth after load", "reads", ("rss_growth_after_load_mib",), "<=", 2, "MiB"),
    ("idle pyspark sessions at once", "capacity", ("sessions_idle_at_once",), ">=", 50, "sessions"),
    ("pooled pyspark POST -> idle p50", "pool", ("post_to_idle", "p50_ms"), "<=", 500, "ms"),
    ("pooled pyspark POST -> idle p99", "pool", ("post_to_idle", "p99_ms"), "<=", 1000, "ms"),
    ("pooled sql POST -> idle p50", "pool", ("kinds", "sql", "post_to_idle", "p50_ms"), "<=", 500, "ms"),
    ("pooled sql POST -> idle p99", "pool", ("kinds", "sql", "post_to_idle", "p99_ms"), "<=", 1000, "ms"),
    ("pooled spark POST -> idle p50", "pool", ("kinds", "spark", "post_to_idle", "p50_ms"), "<=", 500, "ms"),
    ("pooled spark POST -> idle p99", "pool", ("kinds", "spark", "post_to_idle", "p99_ms"), "<=", 1000, "ms"),
    ("pooled pyspark at once POST -> idle p50", "pool", ("burst", "post_to_idle", "p50_ms"), "<=", 500, "ms"),
    ("pooled pyspark at once POST -> idle p99", "pool", ("burst", "post_to_idle", "p99_ms"), "<=", 1000, "ms"),
    ("POST statement p50 added by the store", "recovery", ("post_statement", "added_p50_ms"), "<=", 1, "ms"),
)


def lookup(result, section, path):
    value = result.get(section)
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def judge(result):
    verdicts = []
    for name, section, path, comparison, limit, unit in TARGETS:
        value = lookup(result, section, path)
        if value is None:
            continue
        met = value <= limit if comparison == "<=" else value >= limit
        verdicts.append({"target": name, "value": value, "limit": f"{comparison} {limit} {unit}", "met": met})
    return verdicts


def table(result):
    """The figures a reader looks for first, then each target with met or NOT MET."""
    lines = []
    start = result.get("start")
    if start:
        lines.append("session start (median of %d, seconds to idle)" % start["runs"])
        for floor, figures in start["floor"].items():
            lines.append(f"  floor {floor:<8} {figures['median_s']:>8.2f} s")
        for kind, figures in start["kinds"].items():
            lines.append(f"  {kind:<14} {figures['median_s']:>8.2f} s  {figures['ratio_to_floor']:.2f}x the "
                         f"{figures['floor']} floor")
    statements = result.get("statements")
    if statements:
        lines.append("statement round trip (ms)")
        for kind, figures in statements.items():
            lines.append(f"  {kind:<8} {figures['code']:<9} p50 {figures['p50_ms']:>7.1f}  p90 "
                         f"{figures['p90_ms']:>7.1f}  p99 {figures['p99_ms']:>7.1f}  cold {figures['cold_ms']:>7.1f}"
                         f"  (n={figures['n']})")
    reads = result.get("reads")
    if reads:
        lines.append(f"reads ({reads['generator']}, {reads['connections']} connections, {reads['seconds']} s each)")
        for name in ("statement", "sessions"):
            figures = reads[name]
            lines.append(f"  GET {figures['path']:<28} {figures['requests_per_s']:>9.0f} req/s  p50 "
                         f"{figures['p50_ms']} ms  p99 {figures['p99_ms']} ms")
        lines.append(f"  server RSS {reads['rss_before_mib']} MiB before, {reads['rss_peak_during_load_mib']} peak, "
                     f"{reads['rss_after_load_mib']} after")
    memory = result.get("memory")
    if memory:
        lines.append(f"memory: server {memory['server_rss_idle_mib']} MiB idle, "
                     f"{memory['server_rss_with_sessions_mib']} MiB with {memory['sessions']} idle sessions "
                     f"({memory['server_rss_per_session_mib']} MiB each), "
                     f"{memory.get('server_rss_with_twice_the_sessions_mib')} MiB with twice as many "
                     f"({memory.get('server_rss_per_further_session_mib')} MiB each further one); driver tree median "
                     f"{memory['driver_rss_median_mib']} MiB ({memory['driver_memory']})")
    capacity = result.get("capacity")
    if capacity:
        lines.append(f"capacity: {capacity['sessions_idle_at_once']}/{capacity['sessions_requested']} pyspark "
                     f"sessions idle at once after {capacity['seconds_until_all_settled']} s; memory ceiling "
                     f"~{capacity['memory_ceiling_sessions']}; server RSS {capacity.get('server_rss_before_mib')} "
                     f"MiB before, {capacity.get('server_rss_with_sessions_mib')} MiB with them "
                     f"({capacity.get('server_rss_per_session_mib')} MiB each)")
        for session_id, reason in capacity["failures"].items():
            lines.append(f"  session {session_id} failed: {reason}")
    pool = result.get("pool")
    if pool:
        for kind, kind_figures in (pool.get("kinds") or {pool["kind"]: pool}).items():
            figures = kind_figures["post_to_idle"]
            lines.append(f"pool: {kind} POST -> idle p50 {figures['p50_ms']} ms  p99 {figures['p99_ms']} ms "
                         f"({kind_figures['pooled_sessions']}/{kind_figures['sessions']} pooled); refill median "
                         f"{kind_figures['refill_median_s']} s")
        burst = pool.get("burst")
        if burst:
            figures = burst["post_to_idle"]
            lines.append(f"pool: {burst['sessions']} pyspark at once: POST -> idle p50 {figures['p50_ms']} ms  p99 "
                         f"{figures['p99_ms']} ms ({burst['pooled_sessions']}/{burst['sessions']} pooled); full "
                         f"again after {burst['refill_s']} s")
    recovered = result.get("recovery")
    if recovered:
        post = recovered["post_statement"]
        lines.append(f"recovery: {recovered['sessions']} pyspark sessions idle again "
                     f"{recovered['restart']['seconds_until_all_idle']} s after a start that followed a SIGKILL")
        lines.append(f"  POST statement p50/p99 {post['recovery']['p50_ms']}/{post['recovery']['p99_ms']} ms with "
                     f"the filesystem store, {post['off']['p50_ms']}/{post['off']['p99_ms']} ms with recovery off")
        lines.append(f"  GET statements {recovered['reads']['recovery']['requests_per_s']:.0f} req/s with recovery, "
                     f"{recovered['reads']['off']['requests_per_s']:.0f} req/s without")
    lines.append("targets")
    for verdict in result.get("targets", []):
        lines.append(f"  {verdict['target']:<32} {verdict['value']!s:>10}  {verdict['limit']:<16} "
                     f"{'met' if verdict['met'] else 'NOT MET'}")
    return "\n".join(lines)
