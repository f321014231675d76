export { HotelPage } from "./components/hotel-page";
export { FollowingPage } from "./components/following-page";
