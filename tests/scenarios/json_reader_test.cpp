// read_json: every class of bad input of issue 18 is rejected with its path, line and column,
// and a good file comes back with the position of every value and key.
#include <doctest/doctest.h>

#include "scenarios/loader/json_reader.h"
#include "scenarios/loader/utf8_text.h"

#include <string>

using namespace kafkasim::scenarios;

namespace {

std::string at(const SourceLocation& where) { return std::to_string(where.line) + ":" + std::to_string(where.column); }

std::string at(const ReadError& e) { return e.where ? at(*e.where) : "none"; }

ReadError error_of(std::string_view text, const ReaderLimits& limits = {}) {
    auto result = read_json(text, limits);
    REQUIRE_MESSAGE(std::holds_alternative<ReadError>(result), "accepted: " << text.substr(0, 80));
    return std::get<ReadError>(result);
}

ParsedDocument document_of(std::string_view text, const ReaderLimits& limits = {}) {
    auto result = read_json(text, limits);
    if (const auto* e = std::get_if<ReadError>(&result)) FAIL(format_error("text", *e));
    return std::get<ParsedDocument>(std::move(result));
}

bool mentions(const ReadError& e, std::string_view part) { return e.message.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("quick") {

TEST_CASE("an empty file is rejected at its end") {
    const ReadError empty = error_of("");
    CHECK(empty.path == "");
    CHECK(at(empty) == "1:1");
    CHECK(empty.message == "the file is empty; expected a JSON object ('{')");
    CHECK(at(error_of("  \n\t ")) == "2:3");
}

TEST_CASE("invalid UTF-8 is rejected at the first bad byte") {
    // "é" is two bytes but one column, so the stray 0xFF sits in column 17.
    const ReadError stray = error_of("{\n  \"name\": \"caf\xC3\xA9 \xFF\"\n}");
    CHECK(at(stray) == "2:17");
    CHECK(stray.message == "invalid UTF-8: byte 0xFF never occurs in UTF-8; expected UTF-8 text (save the file as UTF-8)");
    const ReadError overlong = error_of("{\"a\": \"\xC0\xAF\"}");
    CHECK(at(overlong) == "1:8");
    CHECK(mentions(overlong, "overlong"));
    const ReadError overlong3 = error_of("{\"a\": \"\xE0\x80\xAF\"}");
    CHECK(at(overlong3) == "1:8");
    CHECK(mentions(overlong3, "bytes 0xE0 0x80 are an overlong encoding"));
    const ReadError surrogate = error_of("{\"a\": \"\xED\xA0\x80\"}");
    CHECK(at(surrogate) == "1:8");
    CHECK(mentions(surrogate, "surrogate"));
    CHECK(mentions(error_of("{\"a\": \"\xF4\x90\x80\x80\"}"), "above U+10FFFF"));
    CHECK(mentions(error_of("{\"a\": \"\xE2\x82\"}"), "cut short"));
    CHECK(mentions(error_of("{\"a\": 1}\xE2\x82"), "ends inside a multi-byte character"));
    CHECK(mentions(error_of("{\"a\": \"\x80\"}"), "continuation byte"));
}

TEST_CASE("a NUL byte is rejected wherever it is") {
    using namespace std::string_literals;
    const ReadError after = error_of("{\"a\": 1}\n\0"s);
    CHECK(at(after) == "2:1");
    CHECK(after.message == "NUL byte; expected text without NUL bytes (is this a binary file?)");
    CHECK(at(error_of("{\"a\": \"x\0\"}"s)) == "1:9");
    const ReadError escaped = error_of(R"({"a": "x\u0000"})");
    CHECK(at(escaped) == "1:9");
    CHECK(escaped.path == "/a");
}

TEST_CASE("bytes after the top-level object are rejected") {
    const ReadError e = error_of("{\"a\": 1}\n  x");
    CHECK(at(e) == "2:3");
    CHECK(e.message == "unexpected 'x' after the top-level object; expected the end of the file");
    CHECK(at(error_of("{} {}")) == "1:4");
    CHECK(std::holds_alternative<ParsedDocument>(read_json("{}\r\n\t \n")));
}

TEST_CASE("a top level that is not an object is rejected") {
    const ReadError array = error_of("[1, 2]");
    CHECK(at(array) == "1:1");
    CHECK(array.message == "expected a JSON object ('{') at the top level, found '['");
    CHECK(at(error_of("\n  42")) == "2:3");
    CHECK(mentions(error_of("null"), "found 'null'"));
}

TEST_CASE("syntax errors name what was expected at their line and column") {
    const ReadError comma = error_of("{\n  \"a\": 1\n  \"b\": 2\n}");
    CHECK(at(comma) == "3:3");
    CHECK(comma.path == "");
    CHECK(comma.message == "expected ',' or '}' after an object member, found '\"'");
    const ReadError trailing = error_of(R"({"a": [1, 2,]})");
    CHECK(at(trailing) == "1:13");
    CHECK(trailing.path == "/a");
    CHECK(trailing.message == "a trailing comma before ']'; expected another element after ','");
    const ReadError unquoted = error_of("{a: 1}");
    CHECK(at(unquoted) == "1:2");
    CHECK(unquoted.message == "expected a key in double quotes, found 'a'");
    const ReadError word = error_of(R"({"ok": True})");
    CHECK(at(word) == "1:8");
    CHECK(word.path == "/ok");
    CHECK(mentions(word, "found 'True'"));
    const ReadError colon = error_of(R"({"a" 1})");
    CHECK(at(colon) == "1:6");
    CHECK(colon.message == "expected ':' after the key \"a\", found '1'");
    const ReadError unclosed = error_of("{\"a\": [1,\n 2");
    CHECK(at(unclosed) == "2:3");
    CHECK(unclosed.message == "expected ',' or ']' after an array element, found the end of the file");
    const ReadError open_string = error_of("{\"a\": \"abc");
    CHECK(at(open_string) == "1:7");
    CHECK(mentions(open_string, "never closed"));
    CHECK(at(error_of("{\"a\": \"ab\ncd\"}")) == "1:10");
    CHECK(at(error_of("{\"a\": \"a\tb\"}")) == "1:9");
    CHECK(at(error_of(R"({"a": 012})")) == "1:7");
    CHECK(at(error_of(R"({"a": -})")) == "1:8");
    CHECK(at(error_of(R"({"a": 1.})")) == "1:9");
    CHECK(at(error_of(R"({"a": 1e+})")) == "1:10");
    CHECK(at(error_of(R"({"a": +1})")) == "1:7");
}

TEST_CASE("string escapes are checked including surrogate pairs") {
    const ReadError bad = error_of(R"({"a": "x\q"})");
    CHECK(at(bad) == "1:9");
    CHECK(bad.path == "/a");
    CHECK(mentions(bad, "found 'q' after '\\'"));
    CHECK(at(error_of(R"({"a": "\u12G4"})")) == "1:8");
    const ReadError high = error_of(R"({"a": "\uD83D!"})");
    CHECK(at(high) == "1:8");
    CHECK(mentions(high, "\\uD83D is the first half of a UTF-16 surrogate pair"));
    CHECK(mentions(error_of(R"({"a": "\uD83D\u0041"})"), "first half"));
    const ReadError low = error_of(R"({"\uDE00": 1})");
    CHECK(at(low) == "1:3");
    CHECK(low.path == "");
    CHECK(mentions(low, "second half"));
    const ParsedDocument doc = document_of(R"({"\uD83D\uDE00 \u00e9\/\n": "\"\\\b\f\r\t"})");
    CHECK(doc.value.contains("\xF0\x9F\x98\x80 \xC3\xA9/\n"));
    CHECK(doc.value.begin().value() == "\"\\\b\f\r\t");
}

TEST_CASE("a duplicate key is rejected at the second with the first's line") {
    const ReadError e = error_of("{\n  \"a\": 1,\n  \"b\": {\"a\": 1},\n  \"a\": 2\n}");
    CHECK(at(e) == "4:3");
    CHECK(e.path == "/a");
    CHECK(e.message == "duplicate key \"a\" (first at line 2, column 3); expected each key once in an object");
    const ReadError escaped = error_of(R"({"x": {"a/b": 1, "a\/b": 2}})");
    CHECK(at(escaped) == "1:18");
    CHECK(escaped.path == "/x/a~1b");
}

TEST_CASE("nesting past max_depth is rejected at the first bracket too deep") {
    const std::string ok = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
    CHECK(document_of(ok).value.is_object());
    const std::string deep = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}";
    const ReadError e = error_of(deep);
    CHECK(at(e) == "1:69");
    CHECK(e.message == "objects and arrays are nested more than 64 deep; expected at most 64 levels");
    std::string path = "/a";
    for (int i = 0; i < 63; ++i) path += "/0";  // the 64th bracket opens level 65
    CHECK(e.path == path);
    CHECK(at(error_of(R"({"a": {"b": []}})", ReaderLimits{.max_depth = 2})) == "1:13");
}

TEST_CASE("a file nested 200000 deep is rejected without recursion") {
    // A recursive parser would exhaust the stack here (and under the 120 s timeout a slow
    // scanner would show): the scanner stops at the 64th bracket.
    const ReadError arrays = error_of("{\"a\":" + std::string(200'000, '['));
    CHECK(at(arrays) == "1:69");
    std::string objects = "{";
    for (int i = 0; i < 200'000; ++i) objects += "\"k\":{";
    CHECK(at(error_of(objects)) == "1:321");  // the 65th brace: 1 + 5 * 64
}

TEST_CASE("numbers out of range are rejected at the number") {
    const ReadError huge = error_of("{\n  \"x\": 1e999999}");
    CHECK(at(huge) == "2:8");
    CHECK(huge.path == "/x");
    CHECK(huge.message == "number 1e999999 is too large; expected a number within ±1.7976931348623157e308");
    CHECK(mentions(error_of(R"({"x": -1.5e309})"), "too large"));
    CHECK(mentions(error_of(R"({"x": 0.000001e100000000000000000000})"), "too large"));
    const ReadError partitions = error_of(R"({"partitions": 99999999999999999999})");
    CHECK(at(partitions) == "1:16");
    CHECK(partitions.message ==
          "integer 99999999999999999999 is out of range; expected an integer from -9223372036854775808 to 9223372036854775807");
    CHECK(mentions(error_of(R"({"x": 9223372036854775808})"), "out of range"));
    CHECK(mentions(error_of(R"({"x": -9223372036854775809})"), "out of range"));
    const ParsedDocument edges = document_of(
        R"({"max": 9223372036854775807, "min": -9223372036854775808, "big": 1.7e308, "tiny": 1e-999999})");
    CHECK(edges.value["max"].get<std::int64_t>() == INT64_MAX);
    CHECK(edges.value["min"].get<std::int64_t>() == INT64_MIN);
    CHECK(edges.value["tiny"].get<double>() == 0.0);
}

TEST_CASE("a file larger than max_bytes is rejected without a position") {
    const ReadError small = error_of(R"({"a": 12345})", ReaderLimits{.max_bytes = 11});
    CHECK(!small.where.has_value());
    CHECK(small.message == "the file is 12 bytes; expected at most 11 bytes");
    CHECK(format_error("big.json", small) == "big.json: the file is 12 bytes; expected at most 11 bytes");
    const std::string padded = "{}" + std::string(1024 * 1024 - 2, ' ');
    CHECK(std::holds_alternative<ParsedDocument>(read_json(padded)));
    CHECK(mentions(error_of(padded + " "), "expected at most 1048576 bytes"));
}

TEST_CASE("every value and key of a multi-line document is located") {
    const char* text =
        "{\n"
        "  \"a/b\": 1,\n"
        "  \"t~x\": [true, {\"k\": null}],\n"
        "  \"nested\": {\"deep\": {\"v\": \"\xC3\xA9\"}},\n"
        "  \"\xC3\xBC\": \"\xC3\xB6\", \"z\": 2\n"
        "}\n";
    const ParsedDocument doc = document_of(text);
    const std::map<std::string, std::string> values = {
        {"", "1:1"},          {"/a~1b", "2:10"},        {"/t~0x", "3:10"},           {"/t~0x/0", "3:11"},
        {"/t~0x/1", "3:17"},  {"/t~0x/1/k", "3:23"},    {"/nested", "4:13"},         {"/nested/deep", "4:22"},
        {"/nested/deep/v", "4:28"}, {"/\xC3\xBC", "5:8"}, {"/z", "5:18"}};
    CHECK(doc.locations.size() == values.size());
    for (const auto& [pointer, where] : values) {
        CAPTURE(pointer);
        REQUIRE(doc.locations.count(pointer) == 1);
        CHECK(at(doc.locations.at(pointer)) == where);
        CHECK(doc.value.contains(nlohmann::json::json_pointer(pointer)));
    }
    const std::map<std::string, std::string> keys = {
        {"/a~1b", "2:3"},   {"/t~0x", "3:3"},          {"/t~0x/1/k", "3:18"}, {"/nested", "4:3"},
        {"/nested/deep", "4:14"}, {"/nested/deep/v", "4:23"}, {"/\xC3\xBC", "5:3"},  {"/z", "5:13"}};
    CHECK(doc.key_locations.size() == keys.size());
    for (const auto& [pointer, where] : keys) {
        CAPTURE(pointer);
        REQUIRE(doc.key_locations.count(pointer) == 1);
        CHECK(at(doc.key_locations.at(pointer)) == where);
    }
    CHECK(doc.value["a/b"] == 1);
}

TEST_CASE("location_of falls back to the nearest located ancestor") {
    const ParsedDocument doc = document_of("{\n  \"topics\": [\n    {\"name\": \"orders\"}\n  ]\n}");
    CHECK(at(doc.location_of("/topics/0/name")) == "3:14");
    CHECK(at(doc.location_of("/topics/0/partitions")) == "3:5");
    CHECK(at(doc.location_of("/topics/7/name")) == "2:13");
    CHECK(at(doc.location_of("/missing")) == "1:1");
    CHECK(at(ParsedDocument{}.location_of("/x")) == "0:0");
}

TEST_CASE("a byte order mark is skipped and not counted as a column") {
    const ParsedDocument doc = document_of("\xEF\xBB\xBF{\"a\": 1}");
    CHECK(at(doc.locations.at("/a")) == "1:7");
    CHECK(at(error_of("\xEF\xBB\xBF[]")) == "1:1");
}

TEST_CASE("a large valid document is accepted with every element located") {
    std::string text = "{\"items\": [\n";
    constexpr int count = 25'000;  // under the 1 MiB cap
    for (int i = 0; i < count; ++i) {
        text += "  {\"id\": " + std::to_string(i) + ", \"name\": \"item-" + std::to_string(i) + "\"}";
        text += i + 1 < count ? ",\n" : "\n";
    }
    text += "]}\n";
    const ParsedDocument doc = document_of(text);
    CHECK(doc.value["items"].size() == count);
    CHECK(doc.locations.size() == 2 + 3 * count);
    CHECK(at(doc.locations.at("/items/24999/name")) == "25001:25");
}

TEST_CASE("location_at turns a byte offset into a line and a column of code points") {
    // The fallback for nlohmann's parse_error byte positions, and the position of bad bytes.
    const std::string_view text = "a\n\xC3\xA9 x";
    CHECK(at(location_at(text, 0)) == "1:1");
    CHECK(at(location_at(text, 2)) == "2:1");
    CHECK(at(location_at(text, 4)) == "2:2");
    CHECK(at(location_at(text, 99)) == "2:4");
}

TEST_CASE("format_error prints file line column path and message") {
    const ReadError e{"/topics/0/partitions", "expected an integer", SourceLocation{3, 19}};
    CHECK(format_error("s.json", e) == "s.json:3:19: /topics/0/partitions: expected an integer");
    CHECK(format_error("s.json", ReadError{"", "the file is empty", SourceLocation{1, 1}}) == "s.json:1:1: the file is empty");
    CHECK(escape_pointer_token("a~/b") == "a~0~1b");
}

}  // TEST_SUITE
