export { CouponPage } from "./components/coupon-page";
