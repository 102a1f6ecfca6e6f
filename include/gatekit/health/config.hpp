#pragma once

// Reading a health-check config (JSON) into checks. Pure: the environment
// comes in as a lookup function, the text as bytes.

#include <gatekit/common/error.hpp>
#include <gatekit/github/context.hpp>
#include <gatekit/health/check.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatekit::health {

// Settings every check inherits unless it sets its own. The command line's
// values win over the config file's "defaults", which win over built-ins.
struct CheckDefaults {
  std::optional<double> timeout_seconds;
  std::optional<std::uint64_t> retries;
  std::optional<double> retry_delay_seconds;
  std::optional<double> wait_seconds;
  std::optional<IpVersion> ip_version;
  std::optional<std::string> ca_file;
  std::optional<bool> follow_redirects;
  std::optional<std::string> proxy; // "" for none
};

// A parsed config: the checks, and every value that came from an environment
// variable (the secrets to mask and to scrub from messages).
struct Config {
  std::vector<Check> checks;
  std::vector<std::string> secrets;
};

// Parses a config file's text. `path` names the file in messages; errors
// carry the JSON path of the offending entry ("/checks/2/expect_status") and,
// for syntax errors, the line and column.
Result<Config> parse_config(std::string_view text, const std::string& path,
                            const github::EnvLookup& env, const CheckDefaults& overrides);

// Applies the defaults (built-in, then `file_defaults`, then `overrides`) to
// a check built from the command line.
void apply_defaults(Check& check, const CheckDefaults& overrides);

// Expands ${NAME} references from the environment, recording every expanded
// value in `secrets`; fails naming the variable when it is unset. "$${" is a
// literal "${".
Result<std::string> expand_environment(std::string_view text, const github::EnvLookup& env,
                                       std::vector<std::string>& secrets);

// True for "" (no proxy) or a proxy URL libcurl takes: http://, https://,
// socks4://, socks5:// or socks5h://.
bool is_proxy_setting(std::string_view text);

// Parses "ip_version" values: "any", "4", "6", "ipv4", "ipv6".
std::optional<IpVersion> parse_ip_version(std::string_view text);

// Parses "/status=ok" or "/status==\"ok\"" (equals) and "/tags~=beta"
// (contains) from the command line. The right side is taken as JSON when it
// parses as JSON, as a string otherwise.
std::optional<JsonExpectation> parse_json_expectation(std::string_view text);

} // namespace gatekit::health
