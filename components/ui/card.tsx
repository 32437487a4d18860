import type { ComponentProps } from "react";
import { cn } from "./cn";

export type CardProps = ComponentProps<"div">;

export function Card({ className, ...props }: CardProps) {
  return (
    <div className={cn("flex flex-col rounded-xl border border-zinc-200 bg-white shadow-sm", className)} {...props} />
  );
}

export type CardHeaderProps = ComponentProps<"div">;

export function CardHeader({ className, ...props }: CardHeaderProps) {
  return <div className={cn("flex flex-col gap-1.5 px-5 pt-5 sm:px-6 sm:pt-6", className)} {...props} />;
}

export type CardTitleProps = ComponentProps<"h2"> & {
  /** The heading level depends on where the card sits in the page outline, so the caller chooses it. */
  as?: "h2" | "h3" | "h4";
};

export function CardTitle({ as: Heading = "h2", className, ...props }: CardTitleProps) {
  return <Heading className={cn("text-base font-semibold text-zinc-900", className)} {...props} />;
}

export type CardDescriptionProps = ComponentProps<"p">;

export function CardDescription({ className, ...props }: CardDescriptionProps) {
  return <p className={cn("text-sm text-zinc-600", className)} {...props} />;
}

export type CardContentProps = ComponentProps<"div">;

export function CardContent({ className, ...props }: CardContentProps) {
  return <div className={cn("flex-1 px-5 py-4 text-sm text-zinc-700 sm:px-6", className)} {...props} />;
}

export type CardFooterProps = ComponentProps<"div">;

export function CardFooter({ className, ...props }: CardFooterProps) {
  return (
    <div
      className={cn(
        "flex flex-wrap items-center gap-3 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-5 py-3 sm:px-6",
        className,
      )}
      {...props}
    />
  );
}
