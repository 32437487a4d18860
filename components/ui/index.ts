export { Alert, type AlertProps, type AlertTone } from "./alert";
export { Badge, type BadgeProps, type BadgeTone } from "./badge";
export { Button, type ButtonProps } from "./button";
export { buttonClassName, type ButtonSize, type ButtonVariant } from "./button-styles";
export {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
  type CardContentProps,
  type CardDescriptionProps,
  type CardFooterProps,
  type CardHeaderProps,
  type CardProps,
  type CardTitleProps,
} from "./card";
export { Checkbox, type CheckboxProps } from "./checkbox";
export { cn, type ClassValue } from "./cn";
export { CopyField, type CopyFieldProps } from "./copy-field";
export { EmptyState, type EmptyStateProps } from "./empty-state";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export { Input, type InputProps } from "./input";
export { Label, type LabelProps } from "./label";
export { LinkButton, type LinkButtonProps } from "./link-button";
export { RadioCard, type RadioCardProps } from "./radio-card";
export { Select, type SelectProps } from "./select";
export { SkipLink } from "./skip-link";
export { Spinner, type SpinnerProps, type SpinnerSize } from "./spinner";
export { Stat, type StatProps } from "./stat";
export { Steps, type StepItem, type StepState, type StepsProps } from "./steps";
export {
  Table,
  TableEmptyRow,
  TBody,
  TD,
  TH,
  THead,
  TR,
  type TableEmptyRowProps,
  type TableProps,
  type TBodyProps,
  type TDProps,
  type THeadProps,
  type THProps,
  type TRProps,
} from "./table";
export { Textarea, type TextareaProps } from "./textarea";
