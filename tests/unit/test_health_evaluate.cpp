#include <gatekit/health/evaluate.hpp>
#include <gatekit/health/render.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace gatekit;
using namespace gatekit::health;

namespace {

HttpResponse answer(long status, std::string body, double seconds = 0.012) {
  HttpResponse response;
  response.transferred = true;
  response.status = status;
  response.body = std::move(body);
  response.total_seconds = seconds;
  return response;
}

} // namespace

TEST_SUITE("health::evaluate") {
  TEST_CASE("http: status, time, body and JSON, first unmet one reported") {
    HttpExpectations expect;
    CHECK(evaluate_http(expect, answer(200, "ok")).ok);
    HttpResponse no_answer;
    no_answer.transport_error = "cannot connect: refused";
    const Attempt refused = evaluate_http(expect, no_answer);
    CHECK_FALSE(refused.ok);
    CHECK(refused.detail == "cannot connect: refused");
    const Attempt wrong = evaluate_http(expect, answer(503, "{\"status\":\"degraded\"}"));
    CHECK_FALSE(wrong.ok);
    CHECK(wrong.detail == "status 503, expected 200-299: \"{\"status\":\"degraded\"}\"");

    expect.max_response_seconds = 0.010;
    CHECK(evaluate_http(expect, answer(200, "ok", 0.012)).detail ==
          "200 in 12 ms, slower than the 10 ms allowed");
    expect.max_response_seconds.reset();

    expect.body_regex = "^(ok|healthy)$";
    CHECK(evaluate_http(expect, answer(200, "healthy")).ok);
    CHECK_FALSE(evaluate_http(expect, answer(200, "sick")).ok);
    expect.body_regex.clear();

    expect.json = {{"/database", JsonExpectation::Operator::equals, "\"ok\""},
                   {"/version", JsonExpectation::Operator::contains, "\"10.\""}};
    CHECK(evaluate_http(expect, answer(200, R"j({"database":"ok","version":"10.2.3"})j")).ok);
    CHECK(evaluate_http(expect, answer(200, R"j({"database":"failing","version":"10.2.3"})j"))
              .detail == "200 in 12 ms; expected /database == \"ok\", got \"failing\"");
    CHECK(evaluate_http(expect, answer(200, R"j({"version":"10.2.3"})j")).detail ==
          "200 in 12 ms; expected /database == \"ok\", but the body has no /database");
    CHECK(evaluate_http(expect, answer(200, R"j({"status": "ok",)j"))
              .detail.find("body is not valid JSON") != std::string::npos);
  }

  TEST_CASE("http: a regex over a large body does not exhaust the stack") {
    HttpExpectations expect;
    expect.body_regex = "(a|b)*c";
    CHECK(evaluate_http(expect, answer(200, std::string(1 << 20, 'a') + "c")).ok);
  }

  TEST_CASE("json nesting is measured without parsing, strings skipped") {
    CHECK_FALSE(json_nests_deeper_than(R"j({"a": [[1]]})j", 3));
    CHECK(json_nests_deeper_than(R"j({"a": [[[1]]]})j", 3));
    CHECK_FALSE(json_nests_deeper_than(R"j({"a": "[[[[[\"[[["})j", 3));
    HttpExpectations expect;
    expect.json = {{"/a", JsonExpectation::Operator::equals, "1"}};
    const Attempt deep = evaluate_http(
        expect, answer(200, "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}"));
    CHECK_FALSE(deep.ok);
    CHECK(deep.detail.find("nests deeper than 256 levels") != std::string::npos);
  }

  TEST_CASE("json contains: substring, array element, object key") {
    HttpExpectations expect;
    expect.json = {{"/tags", JsonExpectation::Operator::contains, "\"beta\""},
                   {"/checks", JsonExpectation::Operator::contains, "\"db\""}};
    CHECK(evaluate_http(expect, answer(200, R"j({"tags":["alpha","beta"],"checks":{"db":"up"}})j"))
              .ok);
    CHECK_FALSE(
        evaluate_http(expect, answer(200, R"j({"tags":["alpha"],"checks":{"db":"up"}})j")).ok);
  }

  TEST_CASE("latency: nearest-rank percentiles as wrk and hey report them") {
    std::vector<double> samples;
    for (int i = 1; i <= 100; ++i) {
      samples.push_back(i / 1000.0);
    }
    const LatencySummary summary = summarize_latencies(samples, 0, 1.0, "");
    CHECK(summary.p50 == doctest::Approx(0.050));
    CHECK(summary.p95 == doctest::Approx(0.095));
    CHECK(summary.p99 == doctest::Approx(0.099));
    CHECK(summary.max == doctest::Approx(0.100));
    std::vector<double> one{0.2};
    CHECK(nearest_rank(one, 95.0) == doctest::Approx(0.2));
  }

  TEST_CASE("latency: the seeds' thresholds, p95 200 ms warning and 500 ms critical, errors 1%") {
    LatencyProbe probe;
    probe.max_p95 = 0.5;
    probe.warn_p95 = 0.2;
    probe.max_error_rate = parse_percent("1");
    std::vector<double> fast(99, 0.05);
    CHECK(
        evaluate_latency(probe, summarize_latencies(fast, 1, 1.0, "status 503")).ok); // exactly 1%
    const Attempt errors = evaluate_latency(probe, summarize_latencies(fast, 2, 1.0, "status 503"));
    CHECK_FALSE(errors.ok);
    CHECK(errors.detail.rfind("error rate 1.98% > 1% (status 503)", 0) == 0);
    std::vector<double> slowish(100, 0.3);
    const Attempt warned = evaluate_latency(probe, summarize_latencies(slowish, 0, 1.0, ""));
    CHECK(warned.ok);
    CHECK(warned.warning);
    std::vector<double> slow(100, 0.6);
    const Attempt failed = evaluate_latency(probe, summarize_latencies(slow, 0, 1.0, ""));
    CHECK_FALSE(failed.ok);
    CHECK(failed.detail.rfind("p95 600 ms > 500 ms", 0) == 0);
    const Attempt none =
        evaluate_latency(probe, summarize_latencies({}, 10, 1.0, "cannot connect"));
    CHECK_FALSE(none.ok);
    CHECK(none.detail == "none of 10 requests got a response (cannot connect)");
  }

  TEST_CASE("prometheus: vectors, scalars, errors and no data") {
    const auto vector = parse_prometheus_response(
        R"j({"status":"success","data":{"resultType":"vector","result":[
            {"metric":{"job":"api"},"value":[1700000000.1,"0.02"]},
            {"metric":{},"value":[1700000000.1,"NaN"]}]}})j");
    REQUIRE(vector.ok());
    REQUIRE(vector.value().size() == 2);
    CHECK(vector.value()[0].labels == "{job=\"api\"}");
    CHECK(vector.value()[0].value == doctest::Approx(0.02));
    const auto scalar = parse_prometheus_response(
        R"j({"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}})j");
    REQUIRE(scalar.ok());
    CHECK(std::isinf(scalar.value()[0].value));
    const auto failed = parse_prometheus_response(
        R"j({"status":"error","errorType":"bad_data","error":"parse error at char 5"})j");
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == "Prometheus bad_data: parse error at char 5");
    CHECK_FALSE(parse_prometheus_response("<html>").ok());
    CHECK_FALSE(parse_prometheus_response(
                    R"j({"status":"success","data":{"resultType":"matrix","result":[]}})j")
                    .ok());

    PrometheusProbe probe;
    probe.max = 0.01; // the seeds' rollback: error rate above 1%
    const Attempt breach = evaluate_prometheus(probe, vector.value());
    CHECK_FALSE(breach.ok);
    CHECK(breach.detail == "0.02 {job=\"api\"} > 0.01");
    CHECK(evaluate_prometheus(probe, {{"", 0.004}}).ok);
    CHECK_FALSE(evaluate_prometheus(probe, {}).ok);
    CHECK(evaluate_prometheus(probe, {}).detail == "the query returned no series (no_data: fail)");
    CHECK_FALSE(evaluate_prometheus(probe, {{"", std::nan("")}}).ok);
    probe.no_data = NoDataPolicy::warn;
    const Attempt warned = evaluate_prometheus(probe, {});
    CHECK(warned.ok);
    CHECK(warned.warning);
    probe.warn_max = 0.005;
    CHECK(evaluate_prometheus(probe, {{"", 0.007}}).warning);
  }

  TEST_CASE("disk: df's percentage, rounded up") {
    DiskProbe probe;
    probe.max_used = parse_percent("80");
    CHECK(evaluate_disk(probe, {1000, 800, 200}).ok); // exactly 80%
    const Attempt full = evaluate_disk(probe, {1000, 801, 199});
    CHECK_FALSE(full.ok);
    CHECK(full.detail == "81% used, 199 B free, more than the 80% allowed");
    probe.max_used.reset();
    probe.min_free_bytes = 500;
    CHECK_FALSE(evaluate_disk(probe, {1000, 600, 400}).ok);
  }

  TEST_CASE("memory: MemAvailable against the seeds' 1 GB") {
    const auto memory = parse_meminfo("MemTotal:        8000000 kB\nMemFree:  10 kB\n"
                                      "MemAvailable:     900000 kB\n");
    REQUIRE(memory.ok());
    CHECK(memory.value().available == 900000ull * 1024);
    MemoryProbe probe;
    probe.min_available_bytes = 1'000'000'000ull;
    const Attempt low = evaluate_memory(probe, memory.value());
    CHECK_FALSE(low.ok);
    CHECK(low.detail == "878.9 MiB available of 7.6 GiB, less than the 953.7 MiB required");
    CHECK_FALSE(parse_meminfo("MemTotal: 1 kB\n").ok());
  }

  TEST_CASE("secrets are scrubbed from details") {
    CHECK(scrub_secrets("Bearer abc and abcabc", {"abc"}) == "Bearer *** and ******");
    CHECK(scrub_secrets("nothing", {""}) == "nothing");
    // A secret cut off by an excerpt's "..." leaves no prefix behind.
    CHECK(scrub_secrets("body: AAAAhunter2se...", {"hunter2secret"}) == "body: AAAA***...");
    CHECK(scrub_secrets("loading...", {"token"}) == "loading...");
  }
}

namespace {

HealthRun sample_run() {
  HealthRun run;
  CheckResult passed;
  passed.name = "app";
  passed.type = "http";
  passed.target = "GET http://127.0.0.1/health";
  passed.outcome = Outcome::passed;
  passed.attempts = 1;
  passed.last.ok = true;
  passed.last.detail = "200 in 3 ms";
  passed.last.latency_seconds = 0.003;
  CheckResult failed;
  failed.name = "evil\"}\n::error::x <img src=x onerror=alert(1)>";
  failed.type = "http";
  failed.target = "GET http://127.0.0.1/x";
  failed.outcome = Outcome::failed;
  failed.attempts = 3;
  failed.last.detail = "status 503\n::warning::injected";
  run.checks = {passed, failed};
  return run;
}

} // namespace

TEST_SUITE("health::render") {

  TEST_CASE("the JSON report has the shape manifest-gen reads") {
    const std::string json = render_report_json(sample_run());
    CHECK(json.find("\"tool\": \"health-check\"") != std::string::npos);
    CHECK(json.find("\"passed\": false") != std::string::npos);
    CHECK(json.find("\"failed\": 1") != std::string::npos);
  }

  TEST_CASE("metrics escape label values and end with the overall gauge") {
    const std::string text = render_prometheus_text(sample_run());
    CHECK(text.find(
              "gatekit_health_check_up{check=\"app\",type=\"http\",severity=\"critical\"} 1\n") !=
          std::string::npos);
    CHECK(text.find("check=\"evil\\\"}\\n::error::x") != std::string::npos);
    CHECK(text.find("\n::error") == std::string::npos);
    CHECK(text.find("gatekit_health_check_attempts{check=\"app\"") != std::string::npos);
    CHECK(text.find("gatekit_health_healthy 0\n") != std::string::npos);
  }

  TEST_CASE("markdown and outputs are inert") {
    const std::string markdown = render_markdown(sample_run());
    CHECK(markdown.find("<img") == std::string::npos);
    CHECK(markdown.find("## ❌ health-check: unhealthy") == 0);
    const github::Outputs outputs = health_outputs(sample_run());
    REQUIRE(outputs.size() == 4);
    CHECK(outputs[0] == std::pair<std::string, std::string>{"healthy", "false"});
    CHECK(outputs[2] == std::pair<std::string, std::string>{"failed", "1"});
    CHECK(health_annotations(sample_run(), 10).size() == 1);
    CHECK(health_annotations(sample_run(), 0).empty());
  }
}
