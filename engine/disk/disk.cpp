#include "engine/disk/disk.h"

namespace kafkasim::engine {

std::string_view to_string(DiskStatus status) {
    switch (status) {
        case DiskStatus::ok: return "ok";
        case DiskStatus::not_found: return "not_found";
        case DiskStatus::already_exists: return "already_exists";
        case DiskStatus::out_of_range: return "out_of_range";
        case DiskStatus::disk_full: return "disk_full";
    }
    return "?";
}

namespace {

DiskDone status_only(StatusDone done) {
    if (!done) return {};
    return [d = std::move(done)](Result<Bytes> r) { d(r.status()); };
}

}  // namespace

void Disk::create(std::string name, StatusDone done) {
    submit(CreateFile{std::move(name)}, status_only(std::move(done)));
}

void Disk::append(std::string name, Block data, StatusDone done) {
    submit(AppendFile{std::move(name), std::move(data)}, status_only(std::move(done)));
}

void Disk::read(ReadFile request, ReadDone done) { submit(std::move(request), std::move(done)); }

void Disk::truncate(std::string name, std::uint64_t length, StatusDone done) {
    submit(TruncateFile{std::move(name), length}, status_only(std::move(done)));
}

void Disk::rename(std::string from, std::string to, StatusDone done) {
    submit(RenameFile{std::move(from), std::move(to)}, status_only(std::move(done)));
}

void Disk::remove(std::string name, StatusDone done) {
    submit(RemoveFile{std::move(name)}, status_only(std::move(done)));
}

void Disk::sync(StatusDone done) { submit(SyncDisk{}, status_only(std::move(done))); }

void Disk::sync(std::vector<std::string> files, StatusDone done) {
    SIM_ASSERT(!files.empty(), "a file sync names at least one file");
    submit(SyncDisk{std::move(files)}, status_only(std::move(done)));
}

}  // namespace kafkasim::engine
