#include "sim/log/high_watermark_checkpoint.h"

#include "sim/log/log_files.h"

namespace kafkasim::log {

HighWatermarkCheckpoint::HighWatermarkCheckpoint(engine::Disk& disk) : writer_(disk, high_watermark_file()) {}

void HighWatermarkCheckpoint::write(const OffsetMap& high_watermarks, engine::StatusDone done) {
    writer_.write(encode_offset_checkpoint(high_watermarks), std::move(done));
}

std::optional<OffsetMap> HighWatermarkCheckpoint::read_now(const engine::Disk& disk) {
    const engine::Result<engine::Bytes> file = disk.read_now(high_watermark_file());
    if (!file.ok()) return OffsetMap{};
    const engine::Bytes& b = file.value();
    return decode_offset_checkpoint(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

}  // namespace kafkasim::log
