import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { allIndexes, tableKeys, tableStream, timeToLiveAttribute } from '../functions/store/table-definition';

export interface DropshipTableProps {
  /** Production keeps the table on stack deletion and refuses to delete it. */
  readonly production: boolean;
}

/** The one table, on demand, with point-in-time recovery, shaped by functions/store/table-definition.ts. */
export class DropshipTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DropshipTableProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: tableKeys.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableKeys.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.production,
      dynamoStream: StreamViewType[tableStream],
      timeToLiveAttribute,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      globalSecondaryIndexes: allIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[index.projection],
      })),
    });
  }
}
