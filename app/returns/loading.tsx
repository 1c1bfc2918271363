import { LoadingPage } from '@/components/ui';

export default function Loading() {
  return <LoadingPage label="Loading returns analysis" />;
}
