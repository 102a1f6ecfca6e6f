#include <gatekit/github/escape.hpp>
#include <gatekit/github/outputs.hpp>

namespace gatekit::github {

std::string format_outputs(const Outputs& outputs) {
  std::string text;
  for (const auto& [name, value] : outputs) {
    std::string delimiter;
    do {
      delimiter = "ghadelimiter_" + random_token();
    } while (value.find(delimiter) != std::string::npos ||
             name.find(delimiter) != std::string::npos);
    text += name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
  }
  return text;
}

} // namespace gatekit::github
