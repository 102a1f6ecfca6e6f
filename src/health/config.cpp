// The health-check config file: JSON, strict about unknown fields so a typo
// ("expect_staus") fails loudly instead of silently checking less.

#include "json_fields.hpp"

#include <gatekit/common/percent.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/common/text_encoding.hpp>
#include <gatekit/health/config.hpp>
#include <gatekit/health/evaluate.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <tuple>

namespace gatekit::health {
namespace {

using nlohmann::json;

Status read_defaults(ObjectReader& reader, CheckDefaults& defaults) {
  GATEKIT_READ(timeout, reader.duration("timeout"));
  GATEKIT_READ(retries, reader.count("retries", 1000));
  GATEKIT_READ(delay, reader.duration("retry_delay"));
  GATEKIT_READ(wait, reader.duration("wait"));
  GATEKIT_READ(ip, reader.string("ip_version"));
  GATEKIT_READ(ca_file, reader.string("ca_file"));
  GATEKIT_READ(follow, reader.boolean("follow_redirects"));
  GATEKIT_READ(proxy, reader.string("proxy"));
  if (timeout) {
    if (*timeout <= 0.0) {
      return reader.error_at("timeout", "must be more than 0");
    }
    defaults.timeout_seconds = timeout;
  }
  if (retries) {
    defaults.retries = retries;
  }
  if (delay) {
    defaults.retry_delay_seconds = delay;
  }
  if (wait) {
    defaults.wait_seconds = wait;
  }
  if (ip) {
    defaults.ip_version = parse_ip_version(*ip);
    if (!defaults.ip_version) {
      return reader.error_at("ip_version", "expected \"any\", \"4\" or \"6\"");
    }
  }
  if (ca_file) {
    defaults.ca_file = ca_file;
  }
  if (follow) {
    defaults.follow_redirects = follow;
  }
  if (proxy) {
    if (!is_proxy_setting(*proxy)) {
      return reader.error_at("proxy", "expected \"\" (no proxy) or a proxy URL: http://, https://, "
                                      "socks4://, socks5:// or socks5h://");
    }
    defaults.proxy = proxy;
  }
  return Done{};
}

// Later layers win: built-ins, then the file's "defaults", then the command line.
CheckDefaults layer(CheckDefaults base, const CheckDefaults& over) {
  const auto take = [](auto& target, const auto& value) {
    if (value) {
      target = value;
    }
  };
  take(base.timeout_seconds, over.timeout_seconds);
  take(base.retries, over.retries);
  take(base.retry_delay_seconds, over.retry_delay_seconds);
  take(base.wait_seconds, over.wait_seconds);
  take(base.ip_version, over.ip_version);
  take(base.ca_file, over.ca_file);
  take(base.follow_redirects, over.follow_redirects);
  take(base.proxy, over.proxy);
  return base;
}

class CheckReader {
public:
  CheckReader(const json& object, std::string path, const std::string& file,
              const github::EnvLookup& env, const CheckDefaults& defaults,
              std::vector<std::string>& secrets)
      : m_fields(object, std::move(path), file), m_file(file), m_env(env), m_defaults(defaults),
        m_secrets(secrets) {}

  Result<Check> read(std::string_view type) {
    Check check;
    GATEKIT_READ(name, m_fields.string("name"));
    GATEKIT_READ(severity, m_fields.string("severity"));
    m_fields.find("type");
    if (severity && *severity == "warning") {
      check.severity = Severity::warning;
    } else if (severity && *severity != "critical") {
      return m_fields.error_at("severity", "expected \"critical\" or \"warning\"");
    }
    CheckDefaults own;
    if (const Status status = read_defaults(m_fields, own); !status) {
      return status.error();
    }
    m_effective = layer(m_defaults, own);
    check.timeout_seconds = m_effective.timeout_seconds.value_or(10.0);
    check.retry.retries = m_effective.retries.value_or(2);
    check.retry.delay_seconds = m_effective.retry_delay_seconds.value_or(1.0);
    check.retry.wait_seconds = m_effective.wait_seconds.value_or(0.0);

    Result<Probe> probe = read_probe(type);
    if (!probe) {
      return probe.error();
    }
    check.probe = std::move(probe.value());
    if (const Status status = m_fields.no_unknown_fields(); !status) {
      return status.error();
    }
    check.name = name ? *name : std::string(type) + " " + describe_target(check);
    return check;
  }

private:
  Result<Probe> read_probe(std::string_view type) {
    if (type == "http") {
      return read_http();
    }
    if (type == "latency") {
      return read_latency();
    }
    if (type == "tcp") {
      return read_tcp();
    }
    if (type == "prometheus") {
      return read_prometheus();
    }
    if (type == "disk") {
      return read_disk();
    }
    if (type == "memory") {
      return read_memory();
    }
    if (type == "files") {
      return read_files();
    }
    return m_fields.error_at("type", "unknown check type \"" + single_line(type) +
                                         "\" (http, latency, tcp, prometheus, disk, "
                                         "memory, files)");
  }

  Result<std::string> expand(const std::string& key, const std::string& text,
                             const std::string& child = "") {
    Result<std::string> expanded = expand_environment(text, m_env, m_secrets);
    if (!expanded) {
      return m_fields.error_at(key, expanded.error().message, child);
    }
    return expanded;
  }

  Result<HttpRequest> read_request(bool url_required) {
    HttpRequest request;
    GATEKIT_READ(url, m_fields.string("url"));
    if (!url) {
      if (url_required) {
        return m_fields.error_at("", "missing \"url\"");
      }
      url = "http://127.0.0.1:9090";
    }
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
      return m_fields.error_at("url", "expected an http:// or https:// URL");
    }
    // Values in the userinfo or the query of a URL are secrets (a token in
    // "?key=${KEY}"); in the host, port or path they are addresses, and masking
    // "127.0.0.1" or "80" would blank them out of the whole job's log.
    const size_t authority = url->find("://") + 3;
    const size_t authority_end = std::min(url->find_first_of("/?#", authority), url->size());
    const size_t at = url->rfind('@', authority_end);
    const size_t host_start = at != std::string::npos && at >= authority ? at + 1 : authority;
    const size_t query = std::min(url->find('?', authority_end), url->size());
    std::string expanded_url;
    std::vector<std::string> not_secret;
    for (const auto& [begin, end, secret] :
         {std::tuple{size_t{0}, host_start, true}, std::tuple{host_start, query, false},
          std::tuple{query, url->size(), true}}) {
      Result<std::string> piece =
          expand_environment(std::string_view(*url).substr(begin, end - begin), m_env,
                             secret ? m_secrets : not_secret);
      if (!piece) {
        return m_fields.error_at("url", piece.error().message);
      }
      expanded_url += piece.value();
    }
    request.url = expanded_url;
    request.display_url = *url;
    GATEKIT_READ(method, m_fields.string("method"));
    if (method) {
      static const std::set<std::string> k_methods = {"GET", "HEAD", "POST", "PUT", "OPTIONS"};
      if (k_methods.count(*method) == 0) {
        return m_fields.error_at("method", "expected GET, HEAD, POST, PUT or OPTIONS");
      }
      request.method = *method;
    }
    if (const json* headers = m_fields.find("headers")) {
      if (!headers->is_object()) {
        return m_fields.error_at("headers", "expected an object of header names and values");
      }
      for (const auto& [name, value] : headers->items()) {
        if (!value.is_string()) {
          return m_fields.error_at("headers", "expected a string", name);
        }
        const bool valid_name =
            !name.empty() && name.find_first_of(":\r\n \t") == std::string::npos;
        GATEKIT_READ(expanded, expand("headers", value.get<std::string>(), name));
        if (!valid_name || expanded.find_first_of("\r\n") != std::string::npos) {
          return m_fields.error_at(
              "headers", "a header name cannot hold ':' or spaces, nor a value line breaks", name);
        }
        request.headers.push_back(name + ": " + expanded);
      }
    }
    GATEKIT_READ(body, m_fields.string("body"));
    if (body) {
      GATEKIT_READ(expanded_body, expand("body", *body));
      request.body = expanded_body;
    }
    GATEKIT_READ(verify, m_fields.boolean("tls_verify"));
    request.verify_tls = verify.value_or(true);
    request.ca_file = m_effective.ca_file.value_or("");
    request.follow_redirects = m_effective.follow_redirects.value_or(false);
    request.proxy = m_effective.proxy;
    request.ip_version = m_effective.ip_version.value_or(IpVersion::any);
    return request;
  }

  Result<std::vector<StatusRange>> read_statuses() {
    const json* value = m_fields.find("expect_status");
    if (value == nullptr) {
      return success_statuses();
    }
    std::optional<std::vector<StatusRange>> ranges;
    if (value->is_number_unsigned()) {
      ranges = parse_status_set(value->dump());
    } else if (value->is_string()) {
      ranges = parse_status_set(value->get<std::string>());
    }
    if (!ranges) {
      return m_fields.error_at(
          "expect_status",
          "expected status codes or ranges such as \"200\", \"200-299,301\" or \"2xx\"");
    }
    return std::move(*ranges);
  }

  Result<Probe> read_http() {
    HttpProbe probe;
    GATEKIT_READ(request, read_request(true));
    probe.request = std::move(request);
    GATEKIT_READ(statuses, read_statuses());
    probe.expect.statuses = std::move(statuses);
    GATEKIT_READ(regex, m_fields.string("body_regex"));
    probe.expect.body_regex = regex.value_or("");
    GATEKIT_READ(contains, m_fields.string("body_contains"));
    probe.expect.body_contains = contains.value_or("");
    GATEKIT_READ(max_time, m_fields.duration("max_response_time"));
    probe.expect.max_response_seconds = max_time;
    if (const json* list = m_fields.find("json")) {
      if (!list->is_array()) {
        return m_fields.error_at("json",
                                 "expected a list of {\"pointer\", \"equals\" or \"contains\"}");
      }
      for (size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_object()) {
          return m_fields.error_at("json", "expected an object", std::to_string(i));
        }
        ObjectReader item((*list)[i], m_fields.path_of("json") + "/" + std::to_string(i), m_file);
        GATEKIT_READ(pointer, item.string("pointer"));
        bool valid_pointer = pointer.has_value();
        if (valid_pointer) {
          try {
            json::json_pointer parsed(*pointer);
            static_cast<void>(parsed);
          } catch (const json::exception&) {
            valid_pointer = false;
          }
        }
        if (!valid_pointer) {
          return item.error_at("pointer", "expected a JSON pointer such as \"/status\"");
        }
        JsonExpectation expectation;
        expectation.pointer = *pointer;
        const json* equals = item.find("equals");
        const json* contains_value = item.find("contains");
        if ((equals == nullptr) == (contains_value == nullptr)) {
          return item.error_at("", "expected exactly one of \"equals\" and \"contains\"");
        }
        expectation.op = equals != nullptr ? JsonExpectation::Operator::equals
                                           : JsonExpectation::Operator::contains;
        expectation.value_json = (equals != nullptr ? *equals : *contains_value).dump();
        if (const Status status = item.no_unknown_fields(); !status) {
          return status.error();
        }
        probe.expect.json.push_back(std::move(expectation));
      }
    }
    if (probe.request.method == "HEAD" &&
        (!probe.expect.body_contains.empty() || !probe.expect.body_regex.empty() ||
         !probe.expect.json.empty())) {
      return m_fields.error_at("method", "a HEAD response has no body for body_contains, "
                                         "body_regex or json to check");
    }
    // Compiled once here so a bad pattern is a config error, not a failing check.
    if (!probe.expect.body_regex.empty()) {
      if (const Status valid = validate_regex(probe.expect.body_regex); !valid) {
        return m_fields.error_at("body_regex", valid.error().message);
      }
    }
    return Probe(std::move(probe));
  }

  Result<Probe> read_latency() {
    LatencyProbe probe;
    GATEKIT_READ(request, read_request(true));
    probe.request = std::move(request);
    GATEKIT_READ(statuses, read_statuses());
    probe.statuses = std::move(statuses);
    GATEKIT_READ(requests, m_fields.count("requests", 10'000'000));
    GATEKIT_READ(concurrency, m_fields.count("concurrency", 1000));
    probe.requests = requests.value_or(100);
    probe.concurrency = concurrency.value_or(10);
    if (probe.requests == 0 || probe.concurrency == 0) {
      return m_fields.error_at(probe.requests == 0 ? "requests" : "concurrency",
                               "must be at least 1");
    }
    GATEKIT_READ(p50, m_fields.duration("max_p50"));
    GATEKIT_READ(p95, m_fields.duration("max_p95"));
    GATEKIT_READ(p99, m_fields.duration("max_p99"));
    GATEKIT_READ(warn95, m_fields.duration("warn_p95"));
    GATEKIT_READ(error_rate, m_fields.percent("max_error_rate"));
    probe.max_p50 = p50;
    probe.max_p95 = p95;
    probe.max_p99 = p99;
    probe.warn_p95 = warn95;
    // Unset, errors still count: the design documents' rollback threshold.
    probe.max_error_rate = error_rate ? error_rate : parse_percent("1");
    return Probe(std::move(probe));
  }

  Result<Probe> read_tcp() {
    TcpProbe probe;
    GATEKIT_READ(host, m_fields.string("host"));
    GATEKIT_READ(port, m_fields.count("port", 65535));
    if (!host || host->empty() || host->find_first_of("/@ \r\n") != std::string::npos) {
      return m_fields.error_at("host", "expected a host name or address");
    }
    if (!port || *port == 0) {
      return m_fields.error_at("port", "expected a port from 1 to 65535");
    }
    probe.host = *host;
    probe.port = static_cast<int>(*port);
    probe.ip_version = m_effective.ip_version.value_or(IpVersion::any);
    return Probe(std::move(probe));
  }

  Result<Probe> read_prometheus() {
    PrometheusProbe probe;
    GATEKIT_READ(server, read_request(false));
    probe.server = std::move(server);
    GATEKIT_READ(query, m_fields.string("query"));
    if (!query || trim(*query).empty()) {
      return m_fields.error_at("query", "expected a PromQL query");
    }
    probe.query = *query;
    for (const auto& [key, target] :
         {std::pair{"max", &probe.max}, std::pair{"min", &probe.min},
          std::pair{"warn_max", &probe.warn_max}, std::pair{"warn_min", &probe.warn_min}}) {
      GATEKIT_READ(bound, m_fields.number(key));
      *target = bound;
    }
    if (!probe.max && !probe.min && !probe.warn_max && !probe.warn_min) {
      return m_fields.error_at("",
                               "a prometheus check needs a bound: max, min, warn_max or warn_min");
    }
    GATEKIT_READ(no_data, m_fields.string("no_data"));
    if (no_data) {
      if (*no_data == "fail") {
        probe.no_data = NoDataPolicy::fail;
      } else if (*no_data == "pass") {
        probe.no_data = NoDataPolicy::pass;
      } else if (*no_data == "warn") {
        probe.no_data = NoDataPolicy::warn;
      } else {
        return m_fields.error_at("no_data", "expected \"fail\", \"pass\" or \"warn\"");
      }
    }
    return Probe(std::move(probe));
  }

  Result<Probe> read_disk() {
    DiskProbe probe;
    GATEKIT_READ(path, m_fields.string("path"));
    probe.path = path.value_or("/");
    GATEKIT_READ(used, m_fields.percent("max_used_percent"));
    GATEKIT_READ(free_bytes, m_fields.byte_size("min_free"));
    probe.max_used = used;
    probe.min_free_bytes = free_bytes;
    if (!used && !free_bytes) {
      probe.max_used = parse_percent("80");
    }
    return Probe(std::move(probe));
  }

  Result<Probe> read_memory() {
    MemoryProbe probe;
    GATEKIT_READ(available, m_fields.byte_size("min_available"));
    GATEKIT_READ(used, m_fields.percent("max_used_percent"));
    probe.min_available_bytes = available;
    probe.max_used = used;
    if (!available && !used) {
      return m_fields.error_at("", "a memory check needs min_available or max_used_percent");
    }
    return Probe(std::move(probe));
  }

  Result<Probe> read_files() {
    FilesProbe probe;
    GATEKIT_READ(exist, m_fields.strings("exist"));
    GATEKIT_READ(glob, m_fields.string("glob"));
    GATEKIT_READ(min_count, m_fields.count("min_count", 100'000'000));
    GATEKIT_READ(parse, m_fields.strings("parse"));
    probe.exist = std::move(exist);
    probe.glob = glob.value_or("");
    probe.min_count = min_count.value_or(1);
    probe.parse = std::move(parse);
    if (min_count && probe.glob.empty()) {
      return m_fields.error_at("min_count",
                               "min_count counts the files a \"glob\" matches: add one");
    }
    if (probe.exist.empty() && probe.glob.empty() && probe.parse.empty()) {
      return m_fields.error_at("", "a files check needs exist, glob or parse");
    }
    return Probe(std::move(probe));
  }

  ObjectReader m_fields;
  const std::string& m_file;
  const github::EnvLookup& m_env;
  const CheckDefaults& m_defaults;
  std::vector<std::string>& m_secrets;
  CheckDefaults m_effective;
};

} // namespace

Result<Config> parse_config(std::string_view text, const std::string& path,
                            const github::EnvLookup& env, const CheckDefaults& overrides) {
  if (json_nests_deeper_than(text, k_max_json_depth)) {
    return make_error(path, "nests deeper than " + std::to_string(k_max_json_depth) +
                                " levels: not a health-check config");
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    const auto [line, column] = LineIndex(text).locate(error.byte > 0 ? error.byte - 1 : 0);
    std::string message = error.what();
    // nlohmann's message repeats the position; keep only its explanation.
    if (const size_t colon = message.rfind(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    return make_error(path, "not valid JSON: " + single_line(message), line, column);
  } catch (const json::exception& error) {
    // Parsed but not representable, e.g. a number beyond the range of a double.
    return make_error(path, std::string("not valid JSON: ") + error.what());
  }
  if (!document.is_object()) {
    Error error = make_error(path, "expected an object with a \"checks\" list");
    error.where.json_path = "/";
    return error;
  }
  ObjectReader top(document, "", path);
  CheckDefaults file_defaults;
  if (const json* defaults = top.find("defaults")) {
    if (!defaults->is_object()) {
      return top.error_at("defaults", "expected an object");
    }
    ObjectReader reader(*defaults, "/defaults", path);
    if (const Status status = read_defaults(reader, file_defaults); !status) {
      return status.error();
    }
    if (const Status status = reader.no_unknown_fields(); !status) {
      return status.error();
    }
  }
  const CheckDefaults defaults = layer(file_defaults, overrides);
  const json* checks = top.find("checks");
  if (checks == nullptr || !checks->is_array() || checks->empty()) {
    return top.error_at("checks", "expected a non-empty list of checks");
  }
  if (const Status status = top.no_unknown_fields(); !status) {
    return status.error();
  }
  Config config;
  std::set<std::string> names;
  for (size_t i = 0; i < checks->size(); ++i) {
    const json& entry = (*checks)[i];
    const std::string entry_path = "/checks/" + std::to_string(i);
    if (!entry.is_object() || !entry.contains("type") || !entry["type"].is_string()) {
      Error error = make_error(path, "expected an object with a \"type\"");
      error.where.json_path = entry_path;
      return error;
    }
    CheckReader reader(entry, entry_path, path, env, defaults, config.secrets);
    Result<Check> check = reader.read(entry["type"].get<std::string>());
    if (!check) {
      return check.error();
    }
    check.value().json_path = entry_path;
    if (!names.insert(check.value().name).second) {
      Error error = make_error(path, "a second check named \"" + single_line(check.value().name) +
                                         "\" (names label results and metrics: make them unique)");
      error.where.json_path = entry_path + "/name";
      return error;
    }
    config.checks.push_back(std::move(check.value()));
  }
  return config;
}

void apply_defaults(Check& check, const CheckDefaults& overrides) {
  check.timeout_seconds = overrides.timeout_seconds.value_or(check.timeout_seconds);
  check.retry.retries = overrides.retries.value_or(check.retry.retries);
  check.retry.delay_seconds = overrides.retry_delay_seconds.value_or(check.retry.delay_seconds);
  check.retry.wait_seconds = overrides.wait_seconds.value_or(check.retry.wait_seconds);
  const auto apply_request = [&](HttpRequest& request) {
    request.ip_version = overrides.ip_version.value_or(request.ip_version);
    request.ca_file = overrides.ca_file.value_or(request.ca_file);
    request.follow_redirects = overrides.follow_redirects.value_or(request.follow_redirects);
    if (overrides.proxy) {
      request.proxy = overrides.proxy;
    }
  };
  if (auto* http = std::get_if<HttpProbe>(&check.probe)) {
    apply_request(http->request);
  } else if (auto* latency = std::get_if<LatencyProbe>(&check.probe)) {
    apply_request(latency->request);
  } else if (auto* prometheus = std::get_if<PrometheusProbe>(&check.probe)) {
    apply_request(prometheus->server);
  } else if (auto* tcp = std::get_if<TcpProbe>(&check.probe)) {
    tcp->ip_version = overrides.ip_version.value_or(tcp->ip_version);
  }
}

Result<std::string> expand_environment(std::string_view text, const github::EnvLookup& env,
                                       std::vector<std::string>& secrets) {
  std::string expanded;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      expanded += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      expanded += text[i++];
      continue;
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      return Error{"unterminated ${ in \"" + single_line(text) + "\"", {}};
    }
    const std::string name(text.substr(i + 2, close - i - 2));
    const bool valid = !name.empty() &&
                       name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789_") == std::string::npos;
    if (!valid) {
      return Error{"\"${" + single_line(name) + "}\" is not an environment variable name", {}};
    }
    const std::optional<std::string> value = env(name);
    if (!value) {
      return Error{"environment variable " + name + " is not set", {}};
    }
    if (!value->empty()) {
      secrets.push_back(*value);
    }
    expanded += *value;
    i = close + 1;
  }
  return expanded;
}

bool is_proxy_setting(std::string_view text) {
  if (text.empty()) {
    return true;
  }
  for (const std::string_view scheme :
       {"http://", "https://", "socks4://", "socks5://", "socks5h://"}) {
    if (text.size() > scheme.size() && text.substr(0, scheme.size()) == scheme) {
      return text.find_first_of(" \r\n") == std::string_view::npos;
    }
  }
  return false;
}

std::optional<IpVersion> parse_ip_version(std::string_view text) {
  const std::string lower = to_lower(trim(text));
  if (lower == "any" || lower.empty()) {
    return IpVersion::any;
  }
  if (lower == "4" || lower == "ipv4") {
    return IpVersion::v4;
  }
  if (lower == "6" || lower == "ipv6") {
    return IpVersion::v6;
  }
  return std::nullopt;
}

std::optional<JsonExpectation> parse_json_expectation(std::string_view text) {
  JsonExpectation expectation;
  size_t split = text.find("~=");
  size_t value_start = 0;
  if (split != std::string_view::npos) {
    expectation.op = JsonExpectation::Operator::contains;
    value_start = split + 2;
  } else if (split = text.find("=="); split != std::string_view::npos) {
    value_start = split + 2;
  } else if (split = text.find('='); split != std::string_view::npos) {
    value_start = split + 1;
  } else {
    return std::nullopt;
  }
  expectation.pointer = std::string(trim(text.substr(0, split)));
  if (!expectation.pointer.empty() && expectation.pointer.front() != '/') {
    return std::nullopt;
  }
  const std::string_view value = trim(text.substr(value_start));
  const json parsed = json::parse(value, nullptr, false);
  // A string that is not UTF-8 gets U+FFFD for its bad bytes rather than an
  // exception: the expectation then simply does not match.
  expectation.value_json = (parsed.is_discarded() ? json(std::string(value)) : parsed)
                               .dump(-1, ' ', false, json::error_handler_t::replace);
  return expectation;
}

} // namespace gatekit::health
