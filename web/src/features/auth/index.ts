export { SignInPage } from "./components/sign-in-page";
export { RegisterPage } from "./components/register-page";
