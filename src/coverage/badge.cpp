// A coverage badge in the flat style of shields.io, drawn without fetching
// anything: two rounded rectangles and two texts whose widths come from a
// table of Verdana 11px advance widths (approximate, as badge generators do).

#include <gatekit/common/percent.hpp>
#include <gatekit/coverage/render.hpp>
#include <gatekit/github/escape.hpp>

namespace gatekit::coverage {
namespace {

// Advance width of a character in Verdana 11px, in tenths of a pixel.
int char_width(char c) {
  if (c >= '0' && c <= '9') {
    return 70;
  }
  switch (c) {
  case '%':
    return 120;
  case '.':
  case ',':
    return 40;
  case ' ':
    return 39;
  case 'i':
  case 'l':
  case 'j':
    return 30;
  case 'm':
  case 'w':
    return 106;
  case 'f':
  case 'r':
  case 't':
    return 45;
  default:
    return c >= 'A' && c <= 'Z' ? 80 : 66;
  }
}

int text_width(const std::string& text) {
  int tenths = 0;
  for (const char c : text) {
    tenths += char_width(c);
  }
  return (tenths + 9) / 10;
}

// shields.io's colour steps.
const char* colour_for(std::uint64_t covered, std::uint64_t valid) {
  if (valid == 0) {
    return "#9f9f9f";
  }
  const std::pair<const char*, const char*> steps[] = {
      {"90", "#4c1"}, {"80", "#97ca00"}, {"70", "#a4a61d"}, {"60", "#dfb317"}, {"50", "#fe7d37"}};
  for (const auto& [threshold, colour] : steps) {
    if (ratio_meets(covered, valid, *parse_percent(threshold))) {
      return colour;
    }
  }
  return "#e05d44";
}

} // namespace

std::string render_badge_svg(std::uint64_t covered, std::uint64_t valid, const std::string& label) {
  const std::string value = valid == 0 ? "n/a" : format_ratio_percent(covered, valid, 0) + "%";
  const std::string safe_label = github::escape_html(label);
  const int left = text_width(label) + 10;
  const int right = text_width(value) + 10;
  const int width = left + right;
  const std::string colour = colour_for(covered, valid);
  const auto number = [](int n) { return std::to_string(n); };
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) +
         "\" height=\"20\" role=\"img\" aria-label=\"" + safe_label + ": " + value + "\">" +
         "<title>" + safe_label + ": " + value + "</title>" +
         "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
         "stop-opacity=\".1\"/>"
         "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
         "<clipPath id=\"r\"><rect width=\"" +
         number(width) +
         "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
         "<g clip-path=\"url(#r)\"><rect width=\"" +
         number(left) +
         "\" height=\"20\" fill=\"#555\"/>"
         "<rect x=\"" +
         number(left) + "\" width=\"" + number(right) + "\" height=\"20\" fill=\"" + colour +
         "\"/>"
         "<rect width=\"" +
         number(width) +
         "\" height=\"20\" fill=\"url(#s)\"/></g>"
         "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu "
         "Sans,sans-serif\" font-size=\"11\">"
         "<text x=\"" +
         number(left / 2) + "\" y=\"14\">" + safe_label +
         "</text>"
         "<text x=\"" +
         number(left + right / 2) + "\" y=\"14\">" + value + "</text></g></svg>\n";
}

} // namespace gatekit::coverage
