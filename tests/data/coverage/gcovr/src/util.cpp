#include <string>

extern "C" int clamp(int v, int lo, int hi);

namespace util {

std::string label(int v) {
  if (v < 0)
    return "neg";
  else if (v == 0)
    return "zero";
  return "pos";
}

int unused_helper(int a, int b) {
  return a > b ? a : b;
}

} // namespace util

int run_util(int v) {
  std::string s = util::label(clamp(v, -5, 5));
  return static_cast<int>(s.size());
}
