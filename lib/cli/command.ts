import { UsageError, type CommandResult } from "./output";

export type OptionSpec = { type: "string" | "boolean"; multiple?: boolean };
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export type Command = {
  name: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run: (values: OptionValues) => Promise<CommandResult>;
};

export function defineCommand(command: Command): Command {
  return command;
}

export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} needs a value`);
  return value;
}
