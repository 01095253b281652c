// The program folder's entry point: Pulumi calls the exported function and exports what it returns.
import { quickstart } from "./program";

export = quickstart;
