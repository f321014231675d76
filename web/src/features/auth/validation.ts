import type { RegisterInput } from "@/lib/session";

export type RegisterErrors = Partial<Record<string, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The same rules the server applies, checked before sending so every mistake shows at once. */
export function validateRegistration(input: RegisterInput): RegisterErrors {
  const errors: RegisterErrors = {};
  if (input.name.trim() === "") errors.name = "Enter your name.";
  if (!EMAIL.test(input.email.trim())) errors.email = "Enter an e-mail address like name@example.com.";
  const length = Array.from(input.password).length; // code points, as the server counts
  if (length < 12) errors.password = "Use at least 12 characters.";
  else if (length > 128) errors.password = "Use at most 128 characters.";
  if (input.role === "hotelier") {
    const hotel = input.hotel;
    if (hotel === undefined || hotel.name.trim() === "") errors["hotel.name"] = "Enter the hotel's name.";
    if (hotel === undefined || hotel.city.trim() === "") errors["hotel.city"] = "Enter the city.";
    if (hotel === undefined || hotel.country.trim().length < 2) errors["hotel.country"] = "Enter the country.";
    if (hotel === undefined || hotel.timezone === "") errors["hotel.timezone"] = "Choose the hotel's time zone.";
  }
  return errors;
}
