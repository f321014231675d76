#pragma once
// Real images built byte by byte, shared by the unit tests (the sniffer) and the black-box tests (uploads):
// small, exact, and valid enough that a decoder would accept them, so no binary fixtures are needed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hc::test_images {

using Bytes = std::vector<unsigned char>;

//! The CRC-32 of PNG chunks (and zip): polynomial 0xEDB88320, reflected.
std::uint32_t crc32(const Bytes& data);
//! The Adler-32 checksum that ends a zlib stream.
std::uint32_t adler32(const Bytes& data);

//! One PNG chunk: length, type, data, CRC.
Bytes png_chunk(std::string_view type, const Bytes& data);

//! An 8-bit greyscale PNG of the given size; with a body, its IDAT holds one mid-grey pixel in a stored
//! (uncompressed) deflate block (whole only at 1x1; other sizes lack pixels, which only a decoder notices).
//! Without a body the file has just IHDR and IEND.
Bytes png(std::uint32_t width, std::uint32_t height, bool with_body = true);

//! A baseline greyscale JPEG: JFIF, a flat quantisation table and one-code Huffman tables, so one 8x8 block
//! codes as two 0 bits padded with 1s. Decoders accept it whole at 8x8; other sizes lack blocks.
Bytes jpeg(std::uint32_t width, std::uint32_t height);

//! A RIFF/WEBP container around the given chunks.
Bytes riff_webp(const Bytes& chunks);
//! One RIFF chunk (padded to an even length).
Bytes webp_chunk(std::string_view tag, const Bytes& payload);
//! A lossless (VP8L) bitstream of one opaque black pixel.
Bytes vp8l_pixel();
//! A simple lossless WebP of 1x1.
Bytes webp_lossless();
//! An extended WebP (VP8X) whose canvas is the given size, holding the 1x1 lossless pixel.
Bytes webp_extended(std::uint32_t canvas_width, std::uint32_t canvas_height);
//! Only the lossy key-frame header of a VP8 WebP of the given size (no compressed partitions).
Bytes webp_lossy_header(std::uint32_t width, std::uint32_t height);

//! The bytes of a text.
Bytes text(std::string_view s);
//! The same bytes as a std::string (an HTTP body).
std::string as_string(const Bytes& bytes);

}  // namespace hc::test_images
