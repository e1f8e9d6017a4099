#include "engine/disk/files.h"

namespace kafkasim::engine {

Result<Bytes> Files::apply(const DiskOp& op) {
    return std::visit(
        [this](const auto& o) -> Result<Bytes> {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, CreateFile>) return create(o);
            else if constexpr (std::is_same_v<T, AppendFile>) return append(o);
            else if constexpr (std::is_same_v<T, ReadFile>) return read(o);
            else if constexpr (std::is_same_v<T, TruncateFile>) return truncate(o);
            else if constexpr (std::is_same_v<T, RenameFile>) return rename(o);
            else if constexpr (std::is_same_v<T, RemoveFile>) return remove(o);
            else return Bytes{};
        },
        op);
}

const FileBytes* Files::find(const std::string& name) const {
    const auto it = files_.find(name);
    return it == files_.end() ? nullptr : &it->second;
}

void Files::put(const std::string& name, FileBytes content) {
    FileBytes& f = files_[name];
    used_ = used_ - f.size() + content.size();
    f = std::move(content);
}

Result<Bytes> Files::create(const CreateFile& op) {
    if (files_.contains(op.name)) return Result<Bytes>::failure(DiskStatus::already_exists);
    files_.emplace(op.name, FileBytes{});
    return Bytes{};
}

Result<Bytes> Files::append(const AppendFile& op) {
    const auto it = files_.find(op.name);
    if (it == files_.end()) return Result<Bytes>::failure(DiskStatus::not_found);
    it->second.append(op.data);
    used_ += op.data.size();
    return Bytes{};
}

Result<Bytes> Files::read(const ReadFile& op) const {
    const FileBytes* f = find(op.name);
    if (f == nullptr) return Result<Bytes>::failure(DiskStatus::not_found);
    if (op.offset > f->size()) return Result<Bytes>::failure(DiskStatus::out_of_range);
    return f->read(op.offset, op.length);
}

Result<Block> Files::read_block(const ReadFile& op) const {
    const FileBytes* f = find(op.name);
    if (f == nullptr) return Result<Block>::failure(DiskStatus::not_found);
    if (op.offset > f->size()) return Result<Block>::failure(DiskStatus::out_of_range);
    return f->read_block(op.offset, op.length);
}

Result<Bytes> Files::truncate(const TruncateFile& op) {
    const auto it = files_.find(op.name);
    if (it == files_.end()) return Result<Bytes>::failure(DiskStatus::not_found);
    if (op.length > it->second.size()) return Result<Bytes>::failure(DiskStatus::out_of_range);
    used_ -= it->second.size() - op.length;
    it->second.truncate(op.length);
    return Bytes{};
}

Result<Bytes> Files::rename(const RenameFile& op) {
    const auto it = files_.find(op.from);
    if (it == files_.end()) return Result<Bytes>::failure(DiskStatus::not_found);
    if (op.from == op.to) return Bytes{};
    FileBytes content = std::move(it->second);
    files_.erase(it);
    if (const auto old = files_.find(op.to); old != files_.end()) {
        used_ -= old->second.size();
        files_.erase(old);
    }
    files_.emplace(op.to, std::move(content));
    return Bytes{};
}

Result<Bytes> Files::remove(const RemoveFile& op) {
    const auto it = files_.find(op.name);
    if (it == files_.end()) return Result<Bytes>::failure(DiskStatus::not_found);
    used_ -= it->second.size();
    files_.erase(it);
    return Bytes{};
}

}  // namespace kafkasim::engine
