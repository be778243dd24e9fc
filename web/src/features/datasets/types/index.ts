export interface DatasetField {
  name: string;
  type: string;
  nullable?: boolean;
}

export interface DatasetVersion {
  id: string;
  datasetId: string;
  version: number;
  uri: string;
  digest: string;
  size?: number;
  schema?: DatasetField[];
  createdBy: string;
  creationTime: number;
}

/** A dataset; `GET /datasets/{id}` adds its versions, newest first. Times are epoch milliseconds. */
export interface Dataset {
  id: string;
  name: string;
  description?: string;
  deprecated: boolean;
  deprecationReason?: string;
  latestVersion: number;
  createdBy: string;
  creationTime: number;
  versions?: DatasetVersion[];
}

export interface DatasetPage {
  datasets: Dataset[];
  nextPageToken?: string;
}
