#pragma once
// Storing an uploaded image: recognised from its bytes, kept under a new random key.
#include "core/error.hpp"
#include "core/result.hpp"
#include "objects/object_store.hpp"

#include <string>
#include <string_view>

namespace hc::media {

//! Checks the bytes are a JPEG, PNG or WebP of at most 40 megapixels and stores them under a new key in
//! `folder`; 415 for anything that is not such an image, 413 for too many pixels.
Result<std::string, Error> store_image(objects::ObjectStore& store, std::string_view folder, std::string_view bytes);

//! Removes an image that a new one replaced, if there was one. Best effort: the new image is saved already, so a
//! store that fails now only leaves an unreferenced file behind, never an error for the client.
void remove_replaced(objects::ObjectStore& store, std::string_view previous_key);

//! The public URL of a stored object: "/media/<key>".
std::string media_url(std::string_view key);

}  // namespace hc::media
