/** True in the development build for `npm start`, whose cloud table has the local emulator; false in production. */
declare const __EMULATOR__: boolean;
/** Origin of the local emulator server in the `npm start` build; an empty string in production. */
declare const __EMULATOR_ORIGIN__: string;
