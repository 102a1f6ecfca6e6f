#include "options.hpp"

#include <gatekit/common/command_line.hpp>
#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/health/evaluate.hpp>

namespace health_check {
namespace {

namespace health = gatekit::health;

// Options that take a list; every other option may be given once.
const std::vector<std::string> k_list_options = {"url", "tcp", "disk", "expect-json"};

cxxopts::Options make_options() {
  cxxopts::Options options(
      "health-check",
      "Probe a deployment (HTTP endpoints, latency, TCP ports, Prometheus queries) and the\n"
      "machine (disk, memory, files), retrying until healthy or out of time.\n"
      "Exit status: 0 healthy, 1 unhealthy, 2 usage or config error.");
  // One option per line reads better than the formatter's packing of the chain.
  // clang-format off
  options.add_options()
    ("config", "JSON file of checks (see docs/health-check.md)", cxxopts::value<std::string>())
    ("url", "HTTP(S) URL that must answer; repeatable, one per line", cxxopts::value<std::vector<std::string>>())
    ("expect-status", "Accepted status codes for --url checks, e.g. '200-299,301' or '2xx' (default 200-299)",
                      cxxopts::value<std::string>())
    ("body-contains", "Text the --url responses must contain", cxxopts::value<std::string>())
    ("body-regex", "POSIX extended regex the --url responses must match", cxxopts::value<std::string>())
    ("expect-json", "JSON pointer check on --url responses: '/status=ok' (equals) or '/tags~=beta' (contains); "
                    "repeatable", cxxopts::value<std::vector<std::string>>())
    ("max-response-time", "Slowest acceptable response for --url checks, e.g. 500ms", cxxopts::value<std::string>())
    ("tcp", "HOST:PORT that must accept a TCP connection; repeatable", cxxopts::value<std::vector<std::string>>())
    ("disk", "Path whose file system is checked against --max-disk-used; repeatable",
             cxxopts::value<std::vector<std::string>>())
    ("max-disk-used", "Highest acceptable disk use in percent for --disk", cxxopts::value<std::string>()->default_value("80"))
    ("min-memory", "Least available memory (MemAvailable), e.g. 1GiB or 1GB", cxxopts::value<std::string>())
    ("files", "Glob of files that must match at least --min-files files, e.g. 'tests/**/test_*.py'",
              cxxopts::value<std::string>())
    ("min-files", "Least number of files --files must match", cxxopts::value<std::string>()->default_value("1"))
    ("timeout", "Time limit of one attempt, e.g. 5s (default 10s)", cxxopts::value<std::string>())
    ("retries", "Retries of a failed check (any failure: refused, timeout, wrong status or body; default 2)",
                cxxopts::value<std::string>())
    ("retry-delay", "Pause before the first retry, doubled for each next one (default 1s)",
                    cxxopts::value<std::string>())
    ("wait", "Keep retrying each check until it passes or this much time has passed, e.g. 2m "
             "(for a service that is still starting)", cxxopts::value<std::string>())
    ("interval", "Poll: run all checks again every interval, for --duration", cxxopts::value<std::string>())
    ("duration", "How long to poll with --interval; stops at the first unhealthy round",
                 cxxopts::value<std::string>())
    ("ip-version", "Address family: any (IPv6 and IPv4, default), 4 or 6", cxxopts::value<std::string>())
    ("ca-file", "CA certificates (PEM) to verify HTTPS servers with, instead of the system store",
                cxxopts::value<std::string>())
    ("follow-redirects", "Follow HTTP redirects (at most 10)", cxxopts::value<std::string>())
    ("proxy", "Proxy for HTTP, latency and Prometheus checks: a URL (http://, https://, socks5://...), or 'none' "
              "to ignore http_proxy/https_proxy in the environment (default: the environment's, as curl)",
              cxxopts::value<std::string>())
    ("parallel", "Checks probed at the same time", cxxopts::value<std::string>()->default_value("32"))
    ("report-json", "Write the results as JSON to this file (manifest-gen's --health-report)",
                    cxxopts::value<std::string>())
    ("prom-file", "Write the results in Prometheus text format to this file (node_exporter textfile collector)",
                  cxxopts::value<std::string>())
    ("summary-markdown", "Also write the Markdown summary to this file", cxxopts::value<std::string>())
    ("max-annotations", "Maximum number of failure annotations in GitHub Actions",
                        cxxopts::value<std::string>()->default_value("10"))
    ("version", "Print the version and exit")
    ("h,help", "Print this help and exit");
  // clang-format on
  return options;
}

gatekit::Error usage(const std::string& option, const std::string& message) {
  return gatekit::Error{"--" + option + ": " + message, {}};
}

// An optional duration option.
gatekit::Status read_duration(const cxxopts::ParseResult& args, const std::string& name,
                              std::optional<double>& target) {
  const std::string text = gatekit::string_option(args, name);
  if (text.empty()) {
    return gatekit::Done{};
  }
  target = health::parse_duration(text);
  if (!target) {
    return usage(name, "\"" + gatekit::single_line(text) +
                           "\" is not a duration such as 500ms, 5s or 2m (up to a week)");
  }
  return gatekit::Done{};
}

gatekit::Result<health::CheckDefaults> read_defaults(const cxxopts::ParseResult& args) {
  health::CheckDefaults defaults;
  for (const auto& [name, target] : {std::pair{"timeout", &defaults.timeout_seconds},
                                     std::pair{"retry-delay", &defaults.retry_delay_seconds},
                                     std::pair{"wait", &defaults.wait_seconds}}) {
    if (gatekit::Status read = read_duration(args, name, *target); !read) {
      return read.error();
    }
  }
  if (defaults.timeout_seconds && *defaults.timeout_seconds <= 0.0) {
    return usage("timeout", "must be more than 0");
  }
  gatekit::Result<std::optional<std::uint64_t>> retries =
      gatekit::optional_count_option(args, "retries");
  if (!retries) {
    return retries.error();
  }
  defaults.retries = retries.value();
  if (const std::string ip = gatekit::string_option(args, "ip-version"); !ip.empty()) {
    defaults.ip_version = health::parse_ip_version(ip);
    if (!defaults.ip_version) {
      return usage("ip-version", "expected any, 4 or 6");
    }
  }
  if (const std::string ca = gatekit::string_option(args, "ca-file"); !ca.empty()) {
    defaults.ca_file = ca;
  }
  if (const std::string follow = gatekit::string_option(args, "follow-redirects");
      !follow.empty()) {
    if (follow != "true" && follow != "false") {
      return usage("follow-redirects", "expected true or false");
    }
    defaults.follow_redirects = follow == "true";
  }
  if (std::string proxy = gatekit::string_option(args, "proxy"); !proxy.empty()) {
    if (proxy == "none") {
      proxy.clear();
    } else if (!health::is_proxy_setting(proxy)) {
      return usage("proxy",
                   "expected 'none' or a proxy URL: http://, https://, socks4://, socks5:// or "
                   "socks5h://");
    }
    defaults.proxy = proxy;
  }
  return defaults;
}

// The checks given as options, in a stable order: URLs, ports, disks, memory, files.
gatekit::Result<std::vector<health::Check>> read_checks(const cxxopts::ParseResult& args) {
  std::vector<health::Check> checks;
  health::HttpExpectations expect;
  std::string statuses = gatekit::string_option(args, "expect-status");
  if (statuses.empty()) {
    statuses = "200-299";
  }
  const std::optional<std::vector<health::StatusRange>> ranges = health::parse_status_set(statuses);
  if (!ranges) {
    return usage("expect-status", "\"" + gatekit::single_line(statuses) +
                                      "\" is not a status set such as 200, 200-299,301 or 2xx");
  }
  expect.statuses = *ranges;
  expect.body_contains = gatekit::string_option(args, "body-contains");
  expect.body_regex = gatekit::string_option(args, "body-regex");
  if (!expect.body_regex.empty()) {
    if (gatekit::Status valid = health::validate_regex(expect.body_regex); !valid) {
      return usage("body-regex", valid.error().message);
    }
  }
  for (const std::string& text : gatekit::list_option(args, "expect-json")) {
    std::optional<health::JsonExpectation> expectation = health::parse_json_expectation(text);
    if (!expectation) {
      return usage("expect-json", "\"" + gatekit::single_line(text) +
                                      "\" is not POINTER=VALUE or POINTER~=VALUE, e.g. /status=ok");
    }
    expect.json.push_back(std::move(*expectation));
  }
  if (gatekit::Status read = read_duration(args, "max-response-time", expect.max_response_seconds);
      !read) {
    return read.error();
  }
  for (const std::string& url : gatekit::list_option(args, "url")) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return usage("url",
                   "\"" + gatekit::single_line(url) + "\" is not an http:// or https:// URL");
    }
    health::Check check;
    check.name = url;
    health::HttpProbe probe;
    probe.request.url = url;
    probe.request.display_url = url;
    probe.expect = expect;
    check.probe = std::move(probe);
    checks.push_back(std::move(check));
  }
  for (const std::string& target : gatekit::list_option(args, "tcp")) {
    const size_t colon = target.rfind(':');
    std::string host = colon == std::string::npos ? "" : target.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    const std::optional<std::uint64_t> port =
        colon == std::string::npos ? std::nullopt : gatekit::parse_count(target.substr(colon + 1));
    if (host.empty() || !port || *port == 0 || *port > 65535) {
      return usage("tcp", "\"" + gatekit::single_line(target) +
                              "\" is not HOST:PORT, e.g. 127.0.0.1:5432 or [::1]:6379");
    }
    health::Check check;
    check.name = "tcp " + target;
    check.probe = health::TcpProbe{host, static_cast<int>(*port), health::IpVersion::any};
    checks.push_back(std::move(check));
  }
  const gatekit::Result<gatekit::Percent> max_used = gatekit::percent_option(args, "max-disk-used");
  if (!max_used) {
    return max_used.error();
  }
  for (const std::string& path : gatekit::list_option(args, "disk")) {
    health::Check check;
    check.name = "disk " + path;
    check.probe = health::DiskProbe{path, max_used.value(), std::nullopt};
    checks.push_back(std::move(check));
  }
  if (const std::string memory = gatekit::string_option(args, "min-memory"); !memory.empty()) {
    const std::optional<std::uint64_t> bytes = health::parse_byte_size(memory);
    if (!bytes) {
      return usage("min-memory", "\"" + gatekit::single_line(memory) +
                                     "\" is not a size such as 1GiB, 1GB or 512MiB");
    }
    health::Check check;
    check.name = "memory";
    check.probe = health::MemoryProbe{bytes, std::nullopt};
    checks.push_back(std::move(check));
  }
  if (const std::string glob = gatekit::string_option(args, "files"); !glob.empty()) {
    const gatekit::Result<std::uint64_t> min_files = gatekit::count_option(args, "min-files");
    if (!min_files) {
      return min_files.error();
    }
    health::Check check;
    check.name = "files " + glob;
    health::FilesProbe probe;
    probe.glob = glob;
    probe.min_count = min_files.value();
    check.probe = std::move(probe);
    checks.push_back(std::move(check));
  }
  return checks;
}

} // namespace

gatekit::Result<Options> parse_options(int argc, const char* const* argv) {
  cxxopts::Options spec = make_options();
  gatekit::Result<cxxopts::ParseResult> parsed =
      gatekit::parse_command_line(spec, argc, argv, k_list_options, {});
  if (!parsed) {
    return parsed.error();
  }
  const cxxopts::ParseResult& args = parsed.value();

  Options options;
  options.info = gatekit::read_info_request(args, spec.help());
  if (options.info.any()) {
    return options;
  }
  gatekit::Result<health::CheckDefaults> defaults = read_defaults(args);
  if (!defaults) {
    return defaults.error();
  }
  options.defaults = defaults.value();
  gatekit::Result<std::vector<health::Check>> checks = read_checks(args);
  if (!checks) {
    return checks.error();
  }
  options.checks = std::move(checks.value());
  for (health::Check& check : options.checks) {
    health::apply_defaults(check, options.defaults);
  }
  options.config_file = gatekit::string_option(args, "config");
  if (options.checks.empty() && options.config_file.empty()) {
    return gatekit::Error{
        "nothing to check: pass --config FILE or checks such as --url, --tcp, --disk (see --help)",
        {}};
  }

  std::optional<double> interval;
  std::optional<double> duration;
  for (const auto& [name, target] :
       {std::pair{"interval", &interval}, std::pair{"duration", &duration}}) {
    if (gatekit::Status read = read_duration(args, name, *target); !read) {
      return read.error();
    }
  }
  if (interval.has_value() != duration.has_value() || (interval && *interval <= 0.0)) {
    return gatekit::Error{
        "--interval and --duration go together: poll every INTERVAL (> 0) for DURATION", {}};
  }
  options.run.interval_seconds = interval.value_or(0.0);
  options.run.duration_seconds = duration.value_or(0.0);
  const gatekit::Result<std::uint64_t> parallel = gatekit::count_option(args, "parallel");
  if (!parallel) {
    return parallel.error();
  }
  if (parallel.value() == 0 || parallel.value() > 1024) {
    return usage("parallel", "expected 1 to 1024");
  }
  options.run.parallel = static_cast<std::size_t>(parallel.value());
  const gatekit::Result<std::uint64_t> max_annotations =
      gatekit::count_option(args, "max-annotations");
  if (!max_annotations) {
    return max_annotations.error();
  }
  options.targets.max_annotations = static_cast<std::size_t>(max_annotations.value());
  options.targets.report_json = gatekit::string_option(args, "report-json");
  options.targets.prometheus_file = gatekit::string_option(args, "prom-file");
  options.targets.summary_markdown = gatekit::string_option(args, "summary-markdown");
  return options;
}

} // namespace health_check
