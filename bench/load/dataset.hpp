#pragma once
// The data sets the scenarios need, written straight through the storage interfaces before the server starts
// (the same repositories the server uses, so both profiles get the same rows).
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::bench {

//! The time zone of every generated hotel (and so the day its counters fall on).
inline constexpr std::string_view kGeneratedZone = "Europe/Dublin";

struct GeneratedHotel {
  std::string owner_id;
  std::string hotel_id;
  std::string name;
  std::string city;
};

//! The words coupon texts are made of, common first: a few appear in a large share of coupons, most in few.
const std::vector<std::string>& coupon_words();
//! A made-up word that add_coupons puts in one coupon of every kRareWords (the n-th of them, n < kRareWords).
inline constexpr int kRareWords = 2000;
std::string rare_word(int n);
//! The cities hotels are in.
const std::vector<std::string>& hotel_cities();

//! Hoteliers with one hotel each, spread over hotel_cities().
std::vector<GeneratedHotel> add_hotels(storage::Database& database, int count);

//! Travellers' ids (no one signs in: the load tool mints their tokens).
std::vector<std::string> add_travellers(storage::Database& database, int count);

//! `per_hotel` active coupons for each hotel, with titles and descriptions drawn from coupon_words() (a fixed
//! seed, so every run has the same texts), discounts of 5-70 %, valid from last month for one to twelve months.
//! Written from `threads` threads.
void add_coupons(storage::Database& database, const std::vector<GeneratedHotel>& hotels, int per_hotel,
                 unsigned threads);

//! One coupon of the hotel with this quantity (nullopt: unlimited) and status; its id.
std::string add_coupon(storage::Database& database, const GeneratedHotel& hotel, std::optional<std::int64_t> quantity,
                       std::string_view status);

//! Every traveller follows the hotel.
void follow(storage::Database& database, const std::vector<std::string>& travellers, const GeneratedHotel& hotel,
            unsigned threads);

}  // namespace hc::bench
