import "@testing-library/jest-dom/vitest";
import { installSecretWatch } from "../support/secretWatch";

installSecretWatch();
