#include <gatekit/flags/jsonlogic.hpp>
#include <gatekit/flags/murmur3.hpp>

#include <cmath>
#include <limits>

namespace gatekit::flags {
namespace {

Node make_bool(bool value) {
  Node node;
  node.kind = Node::Kind::boolean;
  node.boolean = value;
  return node;
}

Node make_string(std::string value) {
  Node node;
  node.kind = Node::Kind::string;
  node.text = std::move(value);
  return node;
}

bool truthy(const Node& node) {
  switch (node.kind) {
  case Node::Kind::null:
    return false;
  case Node::Kind::boolean:
    return node.boolean;
  case Node::Kind::number:
    return node.number != 0;
  case Node::Kind::string:
    return !node.text.empty();
  case Node::Kind::array:
    return !node.items.empty();
  case Node::Kind::object:
    return true;
  }
  return false;
}

// JSONLogic's string form of a scalar (for cat and loose equality).
std::string as_text(const Node& node) {
  switch (node.kind) {
  case Node::Kind::string:
    return node.text;
  case Node::Kind::number: {
    if (node.number == std::floor(node.number) && std::abs(node.number) < 1e15) {
      return std::to_string(static_cast<long long>(node.number));
    }
    return std::to_string(node.number);
  }
  case Node::Kind::boolean:
    return node.boolean ? "true" : "false";
  default:
    return "";
  }
}

bool strict_equal(const Node& a, const Node& b) {
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
  case Node::Kind::null:
    return true;
  case Node::Kind::boolean:
    return a.boolean == b.boolean;
  case Node::Kind::number:
    return a.number == b.number;
  case Node::Kind::string:
    return a.text == b.text;
  default:
    return &a == &b;
  }
}

bool loose_equal(const Node& a, const Node& b) {
  if (a.kind == b.kind) {
    return strict_equal(a, b);
  }
  if (a.kind == Node::Kind::null || b.kind == Node::Kind::null) {
    return false;
  }
  return as_text(a) == as_text(b);
}

class Evaluator {
public:
  explicit Evaluator(const Node& data) : m_data(data) {}

  Node eval(const Node& rule, int depth) {
    if (depth > 100) {
      m_result.error = "rule nested deeper than 100 levels";
      return Node();
    }
    if (rule.kind == Node::Kind::array) {
      Node list = rule;
      for (Node& item : list.items) {
        item = eval(item, depth + 1);
      }
      return list;
    }
    if (rule.kind != Node::Kind::object || rule.members.size() != 1) {
      return rule;
    }
    const std::string& op = rule.members[0].first;
    const Node& raw = rule.members[0].second;
    std::vector<const Node*> args;
    if (raw.kind == Node::Kind::array) {
      for (const Node& item : raw.items) {
        args.push_back(&item);
      }
    } else {
      args.push_back(&raw);
    }
    const auto arg = [&](std::size_t i) {
      return i < args.size() ? eval(*args[i], depth + 1) : Node();
    };

    if (op == "var") {
      return lookup(arg(0), args.size() > 1 ? arg(1) : Node());
    }
    if (op == "if" || op == "?:") {
      std::size_t i = 0;
      for (; i + 1 < args.size(); i += 2) {
        if (truthy(arg(i))) {
          return arg(i + 1);
        }
      }
      return i < args.size() ? arg(i) : Node();
    }
    if (op == "==" || op == "!=") {
      return make_bool(loose_equal(arg(0), arg(1)) == (op == "=="));
    }
    if (op == "===" || op == "!==") {
      return make_bool(strict_equal(arg(0), arg(1)) == (op == "==="));
    }
    if (op == "!") {
      return make_bool(!truthy(arg(0)));
    }
    if (op == "!!") {
      return make_bool(truthy(arg(0)));
    }
    if (op == "and" || op == "or") {
      Node last = make_bool(op == "and");
      for (std::size_t i = 0; i < args.size(); ++i) {
        last = arg(i);
        if (truthy(last) != (op == "and")) {
          return last;
        }
      }
      return last;
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
      const Node a = arg(0);
      const Node b = arg(1);
      if (a.kind != Node::Kind::number || b.kind != Node::Kind::number) {
        return make_bool(false);
      }
      const bool result = op == "<"    ? a.number < b.number
                          : op == "<=" ? a.number <= b.number
                          : op == ">"  ? a.number > b.number
                                       : a.number >= b.number;
      return make_bool(result);
    }
    if (op == "in") {
      const Node needle = arg(0);
      const Node haystack = arg(1);
      if (haystack.kind == Node::Kind::string) {
        return make_bool(needle.kind == Node::Kind::string &&
                         haystack.text.find(needle.text) != std::string::npos);
      }
      for (const Node& item : haystack.items) {
        if (strict_equal(item, needle)) {
          return make_bool(true);
        }
      }
      return make_bool(false);
    }
    if (op == "cat") {
      std::string text;
      for (std::size_t i = 0; i < args.size(); ++i) {
        text += as_text(arg(i));
      }
      return make_string(text);
    }
    if (op == "starts_with" || op == "ends_with") {
      const Node value = arg(0);
      const Node affix = arg(1);
      if (value.kind != Node::Kind::string || affix.kind != Node::Kind::string) {
        return make_bool(false);
      }
      const std::string& v = value.text;
      const std::string& a = affix.text;
      return make_bool(v.size() >= a.size() &&
                       (op == "starts_with" ? v.compare(0, a.size(), a) == 0
                                            : v.compare(v.size() - a.size(), a.size(), a) == 0));
    }
    if (op == "fractional") {
      return fractional(args, depth);
    }
    if (m_result.unsupported.empty()) {
      m_result.unsupported = op;
    }
    return Node();
  }

  LogicResult take(Node value) {
    m_result.value = std::move(value);
    return std::move(m_result);
  }

private:
  Node lookup(const Node& path, const Node& fallback) {
    if (path.kind == Node::Kind::null || (path.kind == Node::Kind::string && path.text.empty())) {
      return m_data;
    }
    const std::string name = as_text(path);
    const Node* at = &m_data;
    std::size_t from = 0;
    while (at != nullptr) {
      const std::size_t dot = name.find('.', from);
      const std::string part = name.substr(from, dot == std::string::npos ? dot : dot - from);
      at = at->is_object() ? at->find(part) : nullptr;
      if (dot == std::string::npos) {
        break;
      }
      from = dot + 1;
    }
    return at != nullptr ? *at : fallback;
  }

  // flagd's fractional (core/pkg/evaluator/fractional.go): a first argument
  // that evaluates to a string is the bucketing key; otherwise (absent or
  // null) the key is $flagd.flagKey followed by the targetingKey.
  Node fractional(const std::vector<const Node*>& args, int depth) {
    // flagd refuses fewer than two arguments ("fractional evaluation data has
    // length under 2") and returns nil, so the default variant applies.
    if (args.size() < 2) {
      m_result.error = "fractional has fewer than 2 entries, which flagd ignores";
      return Node();
    }
    std::vector<Node> values;
    for (const Node* item : args) {
      values.push_back(eval(*item, depth + 1));
    }
    std::size_t first = 0;
    std::string key;
    if (!values.empty() && values[0].kind == Node::Kind::string) {
      key = values[0].text;
      first = 1;
    } else {
      if (!values.empty() && values[0].kind == Node::Kind::null) {
        first = 1;
      }
      const Node* targeting_key = m_data.find("targetingKey");
      if (targeting_key == nullptr || targeting_key->kind != Node::Kind::string) {
        m_result.error = "no bucketing value and no targetingKey (--user) to bucket by";
        return Node();
      }
      const Node flag_key = lookup(make_string("$flagd.flagKey"), make_string(""));
      key = as_text(flag_key) + targeting_key->text;
    }
    std::vector<Bucket> buckets;
    for (std::size_t i = first; i < values.size(); ++i) {
      const Node& bucket = values[i];
      if (bucket.kind != Node::Kind::array || bucket.items.empty()) {
        m_result.error = "a fractional bucket is not [variant, weight]";
        return Node();
      }
      Bucket entry{bucket.items[0], 1};
      if (bucket.items.size() >= 2 && bucket.items[1].kind != Node::Kind::null) {
        const Node& weight = bucket.items[1];
        if (weight.kind != Node::Kind::number || weight.number != std::floor(weight.number) ||
            weight.number < 0 || weight.number > std::numeric_limits<std::int32_t>::max()) {
          m_result.error = "a fractional weight is not a whole number from 0 to 2147483647";
          return Node();
        }
        entry.weight = static_cast<std::int64_t>(weight.number);
      }
      buckets.push_back(std::move(entry));
    }
    std::int64_t total = 0;
    for (const Bucket& bucket : buckets) {
      total += bucket.weight;
    }
    if (total > std::numeric_limits<std::int32_t>::max()) {
      m_result.error = "fractional weights add up to more than 2147483647";
      return Node();
    }
    return pick_bucket(key, buckets).value_or(Node());
  }

  const Node& m_data;
  LogicResult m_result;
};

} // namespace

std::optional<Node> pick_bucket(const std::string& key, const std::vector<Bucket>& buckets) {
  std::uint64_t total = 0;
  for (const Bucket& bucket : buckets) {
    total += static_cast<std::uint64_t>(bucket.weight);
  }
  if (total == 0) {
    return std::nullopt;
  }
  const std::uint64_t hash = murmur3_x86_32(key);
  const std::uint64_t position = (hash * total) >> 32;
  std::uint64_t range_end = 0;
  for (const Bucket& bucket : buckets) {
    range_end += static_cast<std::uint64_t>(bucket.weight);
    if (position < range_end) {
      return bucket.variant;
    }
  }
  return std::nullopt;
}

LogicResult evaluate_logic(const Node& rule, const Node& data) {
  Evaluator evaluator(data);
  Node value = evaluator.eval(rule, 0);
  return evaluator.take(std::move(value));
}

} // namespace gatekit::flags
