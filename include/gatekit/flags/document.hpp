#pragma once

// A JSON or YAML document as a tree of plain values that remember where they
// were written (line, column, JSON Pointer), so every finding can point at
// the exact spot. A value keeps only a link to its parent's path and its own
// key or index; the pointer text is built when a finding asks for it, so a
// long key under many values costs its length once, not once per value.
// JSON parsers keep the last of two equal keys silently; the tree does too,
// but the duplicates are recorded for the validator.

#include <gatekit/common/error.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatekit::flags {

struct Member;

// One step of a JSON Pointer, shared by every value below it.
struct PathLink {
  std::shared_ptr<const PathLink> parent; // null under the root
  std::string token;                      // the key, escaped, or the index
  std::size_t length = 0;                 // bytes of the whole pointer up to here
};

// One value of the document and its position.
struct Node {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  bool integer = false;                 // a number written without fraction or exponent
  std::string text;                     // a string's value, or a number as written
  std::vector<Member> members;          // an object's, in source order
  std::vector<Node> items;              // an array's
  int line = 0;                         // 1-based
  int column = 0;                       // 1-based, in characters (UTF-8 code points)
  std::shared_ptr<const PathLink> link; // where it sits; null for the root

  bool is_object() const { return kind == Kind::object; }
  // The JSON Pointer of the value, "" for the root.
  std::string path() const;
  // The member named `key` (the last one written), or nullptr.
  const Node* find(std::string_view key) const;
};

// An object member. (Not std::pair: a pair of an incomplete Node inside Node
// is refused by clang with libstdc++.)
struct Member {
  std::string first; // the key
  Node second;       // the value
};

// A key written twice in one object.
struct DuplicateKey {
  std::string path; // JSON Pointer of the repeated member
  int line = 0;
  int column = 0;
  int first_line = 0; // where it was first written
};

enum class Syntax { json, yaml };

struct Document {
  Syntax syntax = Syntax::json;
  Node root;
  std::vector<DuplicateKey> duplicates;
};

// Parses JSON, or YAML when `file` ends in .yml/.yaml or the text does not
// start (after blanks and a BOM) with '{' or '['. YAML plain scalars follow
// the YAML 1.2 core schema (true, 12, ~); quoted ones are strings. Fails on
// malformed text with the line and column, and on documents nested deeper
// than 200 levels, larger than a million values (YAML alias bombs), with a
// key longer than 1 KiB or a JSON Pointer longer than 4 KiB (which every
// finding below it would repeat).
Result<Document> parse_document(std::string_view text, const std::string& file);

// A short description of a value for messages: `the string "true"`, `a number`.
std::string describe(const Node& node);

} // namespace gatekit::flags
