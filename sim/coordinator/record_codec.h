// Big-endian integers and 2-byte-length strings, the layout of the coordinator's records in
// __consumer_offsets (offset_record.h, group_record.h). Reads return nullopt past the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kafkasim::coordinator {

class Writer {
public:
    void int_be(std::uint64_t v, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
    void str(const std::string& s) {
        int_be(s.size(), 2);
        out_ += s;
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(const std::string& in) : in_(in) {}
    std::optional<std::uint64_t> int_be(int bytes) {
        if (pos_ + static_cast<std::size_t>(bytes) > in_.size()) return std::nullopt;
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(in_[pos_++]);
        return v;
    }
    std::optional<std::string> str() {
        const auto n = int_be(2);
        if (!n || pos_ + *n > in_.size()) return std::nullopt;
        std::string s = in_.substr(pos_, *n);
        pos_ += *n;
        return s;
    }
    bool done() const { return pos_ == in_.size(); }

private:
    const std::string& in_;
    std::size_t pos_ = 0;
};

}  // namespace kafkasim::coordinator
