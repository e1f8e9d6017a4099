#include "scenarios/loader/input_file.h"

#include <filesystem>
#include <fstream>

namespace kafkasim::scenarios {

std::variant<std::string, InputFileError> read_input_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return InputFileError{"cannot be read (no such file, or no permission)"};
    if (std::filesystem::is_directory(status)) return InputFileError{"is a directory, not a file"};
    if (!std::filesystem::is_regular_file(status))
        return InputFileError{"is not a regular file (a device, pipe or socket)"};
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes)
        return InputFileError{"the file is " + std::to_string(size) + " bytes; expected at most " +
                              std::to_string(max_bytes) + " bytes"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return InputFileError{"cannot be read (no such file, or no permission)"};
    std::string content(max_bytes + 1, '\0');  // a file that grew since its size was taken reads one byte too many
    in.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (in.bad()) return InputFileError{"cannot be read (an I/O error)"};
    content.resize(static_cast<std::size_t>(in.gcount()));
    return content;
}

}  // namespace kafkasim::scenarios
