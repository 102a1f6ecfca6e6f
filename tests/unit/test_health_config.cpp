#include <gatekit/common/text.hpp>
#include <gatekit/health/config.hpp>
#include <gatekit/health/runner.hpp>
#include <gatekit/health/units.hpp>

#include <doctest/doctest.h>

#include <map>

using namespace gatekit;
using namespace gatekit::health;

namespace {

github::EnvLookup fake_env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
}

Result<Config> parse(std::string_view text, const CheckDefaults& overrides = {}) {
  return parse_config(text, "health.json", fake_env({{"TOKEN", "s3cr3t"}}), overrides);
}

} // namespace

TEST_SUITE("common::text") {
  TEST_CASE("JSON pointer tokens escape ~ and / (RFC 6901)") {
    CHECK(json_pointer_token("plain") == "plain");
    CHECK(json_pointer_token("a/b~c") == "a~1b~0c");
    CHECK(json_pointer_token("~1") == "~01"); // not "~1": the order of the two rules matters
  }
}

TEST_SUITE("health::units") {
  TEST_CASE("durations take units and reject garbage") {
    CHECK(parse_duration("500ms") == doctest::Approx(0.5));
    CHECK(parse_duration("5s") == doctest::Approx(5.0));
    CHECK(parse_duration("1.5") == doctest::Approx(1.5));
    CHECK(parse_duration("2m") == doctest::Approx(120.0));
    CHECK(parse_duration(" 1h ") == doctest::Approx(3600.0));
    CHECK_FALSE(parse_duration("-1s").has_value());
    CHECK_FALSE(parse_duration("5 minutes").has_value());
    CHECK_FALSE(parse_duration("").has_value());
    CHECK_FALSE(parse_duration("8d").has_value());
    CHECK_FALSE(parse_duration("700000").has_value()); // more than a week
  }

  TEST_CASE("byte sizes: decimal and binary units, as df and free write them") {
    CHECK(parse_byte_size("1GiB") == (1ull << 30));
    CHECK(parse_byte_size("1 GB") == 1'000'000'000ull);
    CHECK(parse_byte_size("1G") == (1ull << 30));
    CHECK(parse_byte_size("512MiB") == (512ull << 20));
    CHECK(parse_byte_size("1.5kB") == 1500ull);
    CHECK(parse_byte_size("1024") == 1024ull);
    CHECK_FALSE(parse_byte_size("1 GiBs").has_value());
    CHECK_FALSE(parse_byte_size("lots").has_value());
    CHECK(format_byte_size(1ull << 30) == "1.0 GiB");
    CHECK(format_byte_size(900) == "900 B");
  }

  TEST_CASE("status sets: codes, ranges and classes; typos are refused") {
    const auto set = parse_status_set("200-299,301");
    REQUIRE(set.has_value());
    CHECK(status_in(*set, 204));
    CHECK(status_in(*set, 301));
    CHECK_FALSE(status_in(*set, 302));
    CHECK(format_status_set(*set) == "200-299,301");
    const auto classes = parse_status_set("2xx, 404");
    REQUIRE(classes.has_value());
    CHECK(status_in(*classes, 299));
    CHECK(status_in(*classes, 404));
    CHECK_FALSE(parse_status_set("").has_value());
    CHECK_FALSE(parse_status_set("200,").has_value());
    CHECK_FALSE(parse_status_set("299-200").has_value());
    CHECK_FALSE(parse_status_set("20").has_value());
    CHECK_FALSE(parse_status_set("600").has_value());
    CHECK_FALSE(parse_status_set("ok").has_value());
  }

  TEST_CASE("retry delays double up to the cap") {
    RetryPolicy policy;
    policy.delay_seconds = 0.5;
    policy.max_delay_seconds = 3.0;
    CHECK(retry_delay(policy, 1) == doctest::Approx(0.5));
    CHECK(retry_delay(policy, 2) == doctest::Approx(1.0));
    CHECK(retry_delay(policy, 3) == doctest::Approx(2.0));
    CHECK(retry_delay(policy, 4) == doctest::Approx(3.0));
    CHECK(retry_delay(policy, 60) == doctest::Approx(3.0));
  }
}

TEST_SUITE("health::config") {
  TEST_CASE("every check type parses, with defaults layered") {
    const Result<Config> config = parse(R"j({
      "defaults": {"timeout": "3s", "retries": 4},
      "checks": [
        {"name": "app", "type": "http", "url": "http://127.0.0.1:8080/health",
         "expect_status": "200,204", "json": [{"pointer": "/status", "equals": "ok"}],
         "max_response_time": "500ms", "timeout": 1},
        {"type": "latency", "url": "http://127.0.0.1:8080/", "requests": 500, "concurrency": 20,
         "max_p95": "500ms", "warn_p95": "200ms", "max_error_rate": 1},
        {"type": "tcp", "host": "127.0.0.1", "port": 5432},
        {"name": "errors", "type": "prometheus", "url": "http://127.0.0.1:9090",
         "query": "sum(rate(x[5m]))", "max": 0.01, "no_data": "pass"},
        {"type": "disk", "path": "/", "max_used_percent": 80},
        {"type": "memory", "min_available": "1GB"},
        {"type": "files", "glob": "tests/**/test_*.py", "min_count": 20, "parse": ["config/*.json"]}
      ]})j");
    REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().to_string()));
    const std::vector<Check>& checks = config.value().checks;
    REQUIRE(checks.size() == 7);
    CHECK(checks[0].name == "app");
    CHECK(checks[0].timeout_seconds == doctest::Approx(1.0)); // its own
    CHECK(checks[1].timeout_seconds == doctest::Approx(3.0)); // the file's default
    CHECK(checks[1].retry.retries == 4);
    CHECK(checks[2].name == "tcp 127.0.0.1:5432"); // named after its target
    const auto& http = std::get<HttpProbe>(checks[0].probe);
    CHECK(format_status_set(http.expect.statuses) == "200,204");
    REQUIRE(http.expect.json.size() == 1);
    CHECK(http.expect.json[0].value_json == "\"ok\"");
    const auto& latency = std::get<LatencyProbe>(checks[1].probe);
    CHECK(latency.requests == 500);
    CHECK(latency.max_error_rate->micro == 1'000'000);
    CHECK(std::get<PrometheusProbe>(checks[3].probe).no_data == NoDataPolicy::pass);
    CHECK(std::get<MemoryProbe>(checks[5].probe).min_available_bytes == 1'000'000'000ull);
    CHECK(std::get<FilesProbe>(checks[6].probe).min_count == 20);
  }

  TEST_CASE("the command line wins over the file's defaults, a check's own setting over both") {
    CheckDefaults cli;
    cli.timeout_seconds = 7.0;
    const Result<Config> config = parse(R"j({"defaults": {"timeout": "3s"}, "checks": [
        {"type": "tcp", "host": "h", "port": 1},
        {"type": "tcp", "host": "h", "port": 2, "timeout": "1s"}]})j",
                                        cli);
    REQUIRE(config.ok());
    CHECK(config.value().checks[0].timeout_seconds == doctest::Approx(7.0));
    CHECK(config.value().checks[1].timeout_seconds == doctest::Approx(1.0));
  }

  TEST_CASE("errors name the JSON path of the offending entry") {
    const auto error_of = [](std::string_view text) {
      const Result<Config> config = parse(text);
      REQUIRE_FALSE(config.ok());
      return config.error().to_string();
    };
    CHECK(error_of(
              R"j({"checks": [{"type": "http", "url": "http://x", "expect_status": "2xxx"}]})j") ==
          "health.json: /checks/0/expect_status: expected status codes or ranges such as \"200\", "
          "\"200-299,301\" or \"2xx\"");
    CHECK(
        error_of(R"j({"checks": [{"type": "tcp", "host": "h", "port": 1, "expect_staus": 1}]})j") ==
        "health.json: /checks/0/expect_staus: unknown field \"expect_staus\"");
    CHECK(error_of(R"j({"checks": [{"type": "ping"}]})j")
              .find("/checks/0/type: unknown check type \"ping\"") != std::string::npos);
    CHECK(error_of(R"j({"checks": [{"type": "http"}]})j") ==
          "health.json: /checks/0: missing \"url\"");
    CHECK(error_of(R"j({"checks": [{"type": "http", "url": "ftp://x"}]})j") ==
          "health.json: /checks/0/url: expected an http:// or https:// URL");
    CHECK(error_of(R"j({"checks": [{"type": "prometheus", "query": "up"}]})j")
              .find("needs a bound") != std::string::npos);
    CHECK(error_of(
              R"j({"checks": [{"type": "http", "url": "http://x", "body_regex": "(unclosed"}]})j")
              .find("/checks/0/body_regex: not a valid POSIX extended regular expression") !=
          std::string::npos);
    CHECK(error_of(R"j({"checks": [{"type": "http", "url": "http://x", "timeout": "soon"}]})j")
              .find("/checks/0/timeout: expected a duration") != std::string::npos);
    CHECK(error_of(R"j({"checks": [{"type": "tcp", "host": "h", "port": 1},
                                  {"type": "tcp", "host": "h", "port": 1}]})j")
              .find("/checks/1/name: a second check named") != std::string::npos);
    CHECK(
        error_of(
            R"j({"checks": [{"type": "http", "url": "http://x", "json": [{"pointer": "/a~2", "equals": 1}]}]})j") ==
        "health.json: /checks/0/json/0/pointer: expected a JSON pointer such as \"/status\"");
    CHECK(error_of(R"j({"checks": []})j") ==
          "health.json: /checks: expected a non-empty list of checks");
    CHECK(error_of(R"j({"checks": [{"type": "files", "exist": ["a"], "min_count": 3}]})j")
              .find("/checks/0/min_count") != std::string::npos);
  }

  TEST_CASE("syntax errors carry the line and column") {
    const Result<Config> config = parse("{\n  \"checks\": [\n    {\"type\": \"tcp\",,}\n  ]\n}\n");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().where.line == 3);
    CHECK(config.error().where.column == 20);
    CHECK(config.error().to_string().rfind("health.json:3:20: not valid JSON", 0) == 0);
  }

  TEST_CASE("header values come from the environment and are recorded as secrets") {
    const Result<Config> config = parse(R"j({"checks": [{"type": "http",
        "url": "https://api.example.com/health?key=${TOKEN}",
        "headers": {"Authorization": "Bearer ${TOKEN}", "X-Literal": "$${NOT_EXPANDED}"}}]})j");
    REQUIRE(config.ok());
    const auto& request = std::get<HttpProbe>(config.value().checks[0].probe).request;
    CHECK(request.url == "https://api.example.com/health?key=s3cr3t");
    CHECK(request.display_url == "https://api.example.com/health?key=${TOKEN}");
    REQUIRE(request.headers.size() == 2);
    CHECK(request.headers[0] == "Authorization: Bearer s3cr3t");
    CHECK(request.headers[1] == "X-Literal: ${NOT_EXPANDED}");
    CHECK(config.value().secrets == std::vector<std::string>{"s3cr3t", "s3cr3t"});
    // The default name uses the display URL, so the secret is not in it.
    CHECK(config.value().checks[0].name.find("s3cr3t") == std::string::npos);
  }

  TEST_CASE("only the userinfo and query of a URL hold secrets, not its host, port or path") {
    const Result<Config> config = parse_config(
        R"j({"checks": [{"type": "http", "url": "https://${USER}@${HOST}:${PORT}/${PATH}?k=${KEY}"}]})j",
        "h.json",
        fake_env({{"USER", "u1"}, {"HOST", "h1"}, {"PORT", "8443"}, {"PATH", "p1"}, {"KEY", "k1"}}),
        {});
    REQUIRE(config.ok());
    CHECK(std::get<HttpProbe>(config.value().checks[0].probe).request.url ==
          "https://u1@h1:8443/p1?k=k1");
    CHECK(config.value().secrets == std::vector<std::string>{"u1", "k1"});
  }

  TEST_CASE("a latency check counts errors even without max_error_rate, and HEAD has no body") {
    const Result<Config> config =
        parse(R"j({"checks": [{"type": "latency", "url": "http://x/", "max_p95": "1s"}]})j");
    REQUIRE(config.ok());
    CHECK(std::get<LatencyProbe>(config.value().checks[0].probe).max_error_rate->micro ==
          1'000'000);
    const Result<Config> head = parse(
        R"j({"checks": [{"type": "http", "url": "http://x/", "method": "HEAD", "body_contains": "ok"}]})j");
    REQUIRE_FALSE(head.ok());
    CHECK(head.error().where.json_path == "/checks/0/method");
  }

  TEST_CASE("an unset variable is a config error naming it, not an empty header") {
    const Result<Config> config = parse(
        R"j({"checks": [{"type": "http", "url": "http://x", "headers": {"Authorization": "${MISSING}"}}]})j");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().to_string() ==
          "health.json: /checks/0/headers/Authorization: environment variable MISSING is not set");
  }

  TEST_CASE("header injection through a variable is refused") {
    const Result<Config> config = parse_config(
        R"j({"checks": [{"type": "http", "url": "http://x", "headers": {"X-A": "${EVIL}"}}]})j",
        "h.json", fake_env({{"EVIL", "a\r\nX-Injected: 1"}}), {});
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().where.json_path == "/checks/0/headers/X-A");
  }

  TEST_CASE("proxy: a URL of a scheme libcurl speaks, or empty for none; layered like the rest") {
    CHECK(is_proxy_setting(""));
    CHECK(is_proxy_setting("http://proxy.internal:3128"));
    CHECK(is_proxy_setting("socks5h://127.0.0.1:1080"));
    CHECK_FALSE(is_proxy_setting("proxy.internal:3128"));
    CHECK_FALSE(is_proxy_setting("ftp://proxy"));
    const Result<Config> config = parse(R"j({"defaults": {"proxy": "http://p:3128"}, "checks": [
        {"type": "http", "url": "http://a/"}, {"type": "http", "url": "http://b/", "proxy": ""}]})j");
    REQUIRE(config.ok());
    CHECK(std::get<HttpProbe>(config.value().checks[0].probe).request.proxy == "http://p:3128");
    CHECK(std::get<HttpProbe>(config.value().checks[1].probe).request.proxy == "");
    const Result<Config> bad =
        parse(R"j({"checks": [{"type": "http", "url": "http://a/", "proxy": "p:1"}]})j");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where.json_path == "/checks/0/proxy");
  }

  TEST_CASE("command-line JSON expectations") {
    const auto equals = parse_json_expectation("/status=ok");
    REQUIRE(equals.has_value());
    CHECK(equals->pointer == "/status");
    CHECK(equals->value_json == "\"ok\"");
    const auto number = parse_json_expectation("/checks/db==1");
    REQUIRE(number.has_value());
    CHECK(number->value_json == "1");
    const auto contains = parse_json_expectation("/tags~=beta");
    REQUIRE(contains.has_value());
    CHECK(contains->op == JsonExpectation::Operator::contains);
    CHECK_FALSE(parse_json_expectation("status=ok").has_value());
    CHECK_FALSE(parse_json_expectation("/status").has_value());
  }
}
