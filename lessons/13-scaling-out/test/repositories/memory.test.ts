// The fakes of the service tests keep the same promises as SQLite.
import { memoryRepositories } from '../fakes.ts';
import { repositoryContract } from './contract.ts';

repositoryContract(memoryRepositories);
