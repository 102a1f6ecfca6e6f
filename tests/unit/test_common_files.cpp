#include <fcntl.h>
#include <unistd.h>

#include <gatekit/common/file_io.hpp>
#include <gatekit/common/input_paths.hpp>
#include <gatekit/common/text_encoding.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;
using namespace gatekit;

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("gatekit-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& relative, const std::string& content = "<testsuite/>") const {
    const fs::path full = path / relative;
    fs::create_directories(full.parent_path());
    std::ofstream(full) << content;
    return full.string();
  }
};

} // namespace

TEST_SUITE("common::file_io") {
  TEST_CASE("reading a missing file or a directory fails naming the path") {
    TempDir dir;
    Result<std::string> missing = read_file((dir.path / "nope.xml").string());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().to_string().find("nope.xml: no such file") != std::string::npos);
    Result<std::string> directory = read_file(dir.path.string());
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.error().message.find("directory") != std::string::npos);
  }

  TEST_CASE("reading in blocks hands over every byte, and stops at the consumer's error") {
    TempDir dir;
    const std::string file = dir.file("ten.txt", "0123456789");
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    char buffer[4];
    std::vector<std::string> blocks;
    CHECK(read_blocks(fd, file, buffer, [&blocks](std::string_view block) -> Status {
            blocks.emplace_back(block);
            return Done{};
          }).ok());
    CHECK(blocks == std::vector<std::string>{"0123", "4567", "89"});
    REQUIRE(::lseek(fd, 0, SEEK_SET) == 0);
    int calls = 0;
    const Status stopped = read_blocks(fd, file, buffer, [&](std::string_view) -> Status {
      return ++calls == 2 ? Status(make_error(file, "enough")) : Status(Done{});
    });
    ::close(fd);
    CHECK(calls == 2);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().message == "enough");
  }

  TEST_CASE("an atomic write below a regular file fails and leaves nothing") {
    TempDir dir;
    const std::string file = dir.file("plain.txt", "x");
    Status written = write_file_atomic(file + "/out.json", "{}");
    CHECK_FALSE(written.ok());
    CHECK(written.error().where.file == file + "/out.json");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  }

  TEST_CASE("an atomic write creates missing parent directories") {
    TempDir dir;
    const std::string target = (dir.path / "new/dir/out.json").string();
    REQUIRE(write_file_atomic(target, "{}").ok());
    CHECK(read_file(target).value() == "{}");
  }

  TEST_CASE("an atomic write replaces the file and leaves no temporary behind") {
    TempDir dir;
    const std::string target = dir.file("out.json", "old");
    REQUIRE(write_file_atomic(target, "new content").ok());
    CHECK(read_file(target).value() == "new content");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  }

  TEST_CASE("appending adds to the end") {
    TempDir dir;
    const std::string target = dir.file("out.txt", "a\n");
    REQUIRE(append_to_file(target, "b\n").ok());
    CHECK(read_file(target).value() == "a\nb\n");
  }
}

TEST_SUITE("common::input_paths") {
  TEST_CASE("a missing file, an empty glob and an xml-less directory are errors naming the entry") {
    TempDir dir;
    dir.file("logs/build.txt", "x");
    const std::string base = dir.path.string();
    Result<std::vector<std::string>> missing = expand_input_paths({base + "/nope.xml"}, {".xml"});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "no such file");
    Result<std::vector<std::string>> glob =
        expand_input_paths({base + "/reports/**/*.xml"}, {".xml"});
    REQUIRE_FALSE(glob.ok());
    CHECK(glob.error().where.file == base + "/reports/**/*.xml");
    Result<std::vector<std::string>> empty_dir = expand_input_paths({base + "/logs"}, {".xml"});
    REQUIRE_FALSE(empty_dir.ok());
    CHECK(empty_dir.error().message.find("no *.xml files") != std::string::npos);
  }

  TEST_CASE("globs, directories and files expand to a sorted list without duplicates") {
    TempDir dir;
    const std::string base = dir.path.string();
    dir.file("reports/shard-2/junit.xml");
    dir.file("reports/shard-1/junit.xml");
    dir.file("reports/top.xml");
    dir.file("reports/notes.txt", "x");
    Result<std::vector<std::string>> files = expand_input_paths(
        {base + "/reports/**/*.xml", base + "/reports/top.xml", base + "/reports"}, {".xml"});
    REQUIRE(files.ok());
    REQUIRE(files.value().size() == 3);
    CHECK(files.value()[0] == base + "/reports/shard-1/junit.xml");
    CHECK(files.value()[1] == base + "/reports/shard-2/junit.xml");
    CHECK(files.value()[2] == base + "/reports/top.xml");
  }
}

TEST_SUITE("common::input_paths globs") {
  TEST_CASE("redundant separators, dot segments and a trailing slash still match") {
    TempDir dir;
    const std::string base = dir.path.string();
    dir.file("reports/shard-1/junit.xml");
    for (const std::string pattern :
         {"/reports//**/*.xml", "/reports/../reports/**/*.xml", "/./reports/*/junit.xml"}) {
      CAPTURE(pattern);
      Result<std::vector<std::string>> files = expand_input_paths({base + pattern}, {".xml"});
      REQUIRE(files.ok());
      CHECK(files.value() == std::vector<std::string>{base + "/reports/shard-1/junit.xml"});
    }
  }

  TEST_CASE("a glob matching directories expands them (download-artifact's layout)") {
    TempDir dir;
    const std::string base = dir.path.string();
    dir.file("reports/junit-1/a.xml");
    dir.file("reports/junit-2/sub/b.xml");
    dir.file("reports/junit-2/notes.txt", "x");
    Result<std::vector<std::string>> files =
        expand_input_paths({base + "/reports/junit-*"}, {".xml"});
    REQUIRE(files.ok());
    CHECK(files.value() == std::vector<std::string>{base + "/reports/junit-1/a.xml",
                                                    base + "/reports/junit-2/sub/b.xml"});
  }

  TEST_CASE("a glob without ** does not descend deeper than it can match") {
    TempDir dir;
    const std::string base = dir.path.string();
    dir.file("reports/a.xml");
    dir.file("reports/deep/b.xml");
    Result<std::vector<std::string>> files =
        expand_input_paths({base + "/reports/*.xml"}, {".xml"});
    REQUIRE(files.ok());
    CHECK(files.value() == std::vector<std::string>{base + "/reports/a.xml"});
  }
}

TEST_SUITE("common::text_encoding") {
  TEST_CASE("odd-length UTF-16 is rejected") {
    Result<std::string> odd = utf16_to_utf8(std::string("\xFF\xFE<\0a", 5), TextEncoding::utf16_le);
    CHECK_FALSE(odd.ok());
  }

  TEST_CASE("UTF-16 in either byte order is detected and converted, BOM dropped") {
    const std::string le("\xFF\xFE<\0\xE9\0", 6);
    CHECK(detect_encoding(le) == TextEncoding::utf16_le);
    CHECK(utf16_to_utf8(le, TextEncoding::utf16_le).value() == "<\xC3\xA9");
    const std::string be("\0<\0a", 4);
    CHECK(detect_encoding(be) == TextEncoding::utf16_be);
    CHECK(utf16_to_utf8(be, TextEncoding::utf16_be).value() == "<a");
    CHECK(detect_encoding("<?xml") == TextEncoding::utf8);
  }

  TEST_CASE("line index maps offsets to 1-based lines and columns") {
    const LineIndex index("ab\ncd\n\nx");
    CHECK(index.locate(0) == std::pair<int, int>(1, 1));
    CHECK(index.locate(1) == std::pair<int, int>(1, 2));
    CHECK(index.locate(3) == std::pair<int, int>(2, 1));
    CHECK(index.locate(6) == std::pair<int, int>(3, 1));
    CHECK(index.locate(7) == std::pair<int, int>(4, 1));
  }
}

TEST_SUITE("common::text_encoding declarations") {
  TEST_CASE("the encoding pseudo-attribute is read as an attribute, not a substring") {
    CHECK(declared_xml_encoding("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>") ==
          "ISO-8859-1");
    CHECK(declared_xml_encoding("<?xml version='1.0' encoding = 'utf-8' ?>") == "utf-8");
    CHECK(declared_xml_encoding("<?xml vencodingersion=\"1.0\" ?>").empty());
    CHECK(declared_xml_encoding("<a encoding=\"x\"/>").empty());
  }
}
