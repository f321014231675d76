import { useMemo, useState, type SyntheticEvent } from "react";
import { Link, useNavigate } from "react-router";

import { Button, ErrorBanner, InputField, SelectField, TextAreaField } from "@/components/ui";
import { afterSignIn, paths } from "@/config/paths";
import { fieldErrors } from "@/lib/api-error";
import { useSession, type RegisterInput } from "@/lib/session";
import type { Role } from "@/types/api";

import { validateRegistration, type RegisterErrors } from "../validation";

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone the browser knows, with its own in front when the list leaves it out (V8's has no "UTC"). */
function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  const own = browserTimeZone();
  return zones.includes(own) ? zones : [own, ...zones];
}

export function RegisterPage() {
  const { register } = useSession();
  const navigate = useNavigate();
  const [role, setRole] = useState<Role>("user");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [hotel, setHotel] = useState({ name: "", city: "", country: "", timezone: browserTimeZone(), description: "" });
  const [errors, setErrors] = useState<RegisterErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timeZones = useMemo(timeZoneChoices, []);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const input: RegisterInput = { email: email.trim(), password, name: name.trim(), role };
    if (role === "hotelier") input.hotel = { ...hotel, name: hotel.name.trim(), city: hotel.city.trim(), country: hotel.country.trim() };
    const found = validateRegistration(input);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const user = await register(input);
      await navigate(afterSignIn(null, user.role), { replace: true });
    } catch (error) {
      setBusy(false);
      const fromServer = fieldErrors(error);
      if (Object.keys(fromServer).length > 0) setErrors(fromServer);
      setFailure(error);
    }
  };

  const hotelField = (field: keyof typeof hotel) => ({
    value: hotel[field],
    error: errors[`hotel.${field}`],
    onChange: (e: { target: { value: string } }) => setHotel((current) => ({ ...current, [field]: e.target.value })),
  });

  return (
    <div className="auth">
      <title>Create an account · Hotel Coupon</title>
      <form className="panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-title">
        <h1 id="register-title">Create an account</h1>
        {failure !== null && <ErrorBanner error={failure} />}
        <fieldset>
          <legend>I am</legend>
          <div className="choice">
            <label>
              <input type="radio" name="role" value="user" checked={role === "user"} onChange={() => setRole("user")} />
              A traveller
              <span className="small muted">Find and claim hotel discounts</span>
            </label>
            <label>
              <input type="radio" name="role" value="hotelier" checked={role === "hotelier"} onChange={() => setRole("hotelier")} />
              A hotelier
              <span className="small muted">Publish coupons for my hotel</span>
            </label>
          </div>
        </fieldset>
        <InputField label="Your name" autoComplete="name" value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        <InputField label="E-mail" type="email" autoComplete="email" value={email} error={errors.email} onChange={(e) => setEmail(e.target.value)} />
        <InputField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. A short sentence is easy to remember."
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {role === "hotelier" && (
          <fieldset>
            <legend>Your hotel</legend>
            <InputField label="Hotel name" autoComplete="organization" {...hotelField("name")} />
            <div className="form-row">
              <InputField label="City" autoComplete="address-level2" {...hotelField("city")} />
              <InputField label="Country" autoComplete="country-name" {...hotelField("country")} />
            </div>
            <SelectField label="Time zone" hint="Coupon dates are shown in this zone." {...hotelField("timezone")}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, " ")}
                </option>
              ))}
            </SelectField>
            <TextAreaField label="Description" hint="Optional: what guests love about your hotel." {...hotelField("description")} />
          </fieldset>
        )}
        <Button type="submit" busy={busy} className="button-block">
          Create account
        </Button>
        <p className="small">
          Already have an account? <Link to={paths.signIn}>Sign in</Link>
        </p>
      </form>
    </div>
  );
}
