'use client';
import { RouteError } from '@/components/route-error';

export default function CatalogError({ retry }: { retry: () => void }) {
  return <RouteError what="the catalog" retry={retry} />;
}
