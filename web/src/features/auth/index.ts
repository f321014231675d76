export { RegisterPage } from "./components/register-page";
export { SignInPage } from "./components/sign-in-page";
