// CRC-32C (Castagnoli), the checksum of Kafka's record batches (v2) and of the files
// kafkasim writes, so that recovery can tell a whole record from a torn one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace kafkasim {

// CRC-32C of `bytes`, continuing from `crc` (0 to start). crc32c("123456789") = 0xe3069283.
std::uint32_t crc32c(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

}  // namespace kafkasim
