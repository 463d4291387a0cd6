import type { Command } from 'commander';

/**
 * The parent of a family of subcommands (`attune eval face|voice|text|fusion`, `attune bench …`,
 * `attune train …`): created by whichever module registers first, shared by the rest.
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
