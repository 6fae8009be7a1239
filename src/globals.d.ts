/** True in the development build for `npm start`, whose cloud table has the local emulator; false in production. */
declare const __EMULATOR__: boolean;
